import { Form } from "@remix-run/react";
import { Checkbox, TextInput } from "~/components/Fields";
import { Button } from "~/components/kit/Button";

/** Finding someone on the people list by name or email, with or without those whose accounts are deactivated. */
export function PeopleSearch({ q, inactive }: { q: string; inactive: boolean }) {
  return (
    <Form method="get" className="nhsuk-u-margin-bottom-4">
      <TextInput name="q" label="Search by name or email" type="search" width={20} defaultValue={q} />
      <Checkbox name="inactive" value="1" label="Include deactivated people" defaultChecked={inactive} />
      <Button variant="secondary">Search</Button>
    </Form>
  );
}
