import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/PersonForm";
import { canManagePeople } from "~/domain/permissions";
import { createPerson, emailTaken, staffNumberTaken } from "~/models/user.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formValues, invalid, parseForm } from "~/forms/fields";
import { personSchema } from "~/forms/person.server";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFormOptions } from "~/services/person-page.server";
import { pageTitle } from "~/lib/page-title";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Add a person") }];

async function requireManager(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  if (!canManagePeople(user.viewer, user.viewer.pcnId)) throw notFound();
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireManager(request, context);
  return personFormOptions(user.viewer);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireManager(request, context);
  const options = await personFormOptions(user.viewer);
  const schema = personSchema(
    user.viewer,
    options.jobRoles.map((r) => r.value),
    (options.pcns ?? []).map((p) => Number(p.value)),
  );
  const form = await request.formData();
  const parsed = parseForm(schema, form, { arrays: ["roles"] });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  if (await emailTaken(getDb(), parsed.data.email)) {
    return invalid({ email: "Someone already has this email address" }, formValues(form));
  }
  if (await staffNumberTaken(getDb(), parsed.data.staffNumber)) {
    return invalid({ staffNumber: "Someone already has this staff number" }, formValues(form));
  }
  try {
    const id = await createPerson(getDb(), parsed.data, actorOf(user, context));
    return redirect(`/people/${id}`);
  } catch (error) {
    return refusedByRule(error, formValues(form));
  }
}

export default function NewPerson() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <h1>Add a person</h1>
        <PersonForm
          errors={actionData?.errors}
          values={actionData?.values ?? {}}
          {...options}
          submitLabel="Add person"
        />
      </Column>
    </Row>
  );
}
