import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/PersonForm";
import { emailTaken, staffNumberTaken, updatePerson } from "~/models/user.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formValues, invalid, parseForm } from "~/forms/fields";
import { personSchema } from "~/forms/person.server";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFor, personFormOptions } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { BackLink } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Change details", data?.name) }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId), "manage");
  const options = await personFormOptions(user.viewer);
  return {
    id: person.id,
    name: person.name,
    values: {
      name: person.name,
      email: person.email,
      staffNumber: person.staffNumber ?? "",
      pcnId: person.pcnId === null ? "" : String(person.pcnId),
      jobRole: person.jobRole ?? "",
      fte: person.fte === null ? "" : String(person.fte),
      startDate: person.startDate ?? "",
      roles: person.roles,
    },
    ...options,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId), "manage");
  const options = await personFormOptions(user.viewer);
  const schema = personSchema(
    user.viewer,
    options.jobRoles.map((r) => r.value),
    (options.pcns ?? []).map((p) => Number(p.value)),
  );
  const form = await request.formData();
  const parsed = parseForm(schema, form, { arrays: ["roles"] });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  if (await emailTaken(getDb(), parsed.data.email, person.id)) {
    return invalid({ email: "Someone already has this email address" }, formValues(form));
  }
  if (await staffNumberTaken(getDb(), parsed.data.staffNumber, person.id)) {
    return invalid({ staffNumber: "Someone already has this staff number" }, formValues(form));
  }
  try {
    // The model refuses a lead's move to another PCN; a lead's form always names their own PCN anyway.
    await updatePerson(getDb(), person.id, parsed.data, actorOf(user, context));
  } catch (error) {
    return refusedByRule(error, formValues(form));
  }
  return redirect(`/people/${person.id}`);
}

export default function EditPerson() {
  const { id, name, values, ...options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <BackLink to={`/people/${id}`}>Back to {name}</BackLink>
        <h1>Change details for {name}</h1>
        <PersonForm
          errors={actionData?.errors}
          values={actionData?.values ?? values}
          {...options}
          submitLabel="Save changes"
        />
      </Column>
    </Row>
  );
}
