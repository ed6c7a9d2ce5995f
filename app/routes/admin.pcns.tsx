import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextInput } from "~/components/Fields";
import { canManagePcns } from "~/domain/permissions";
import { createPcn, listPcns, odsCodeTaken } from "~/models/pcn.server";
import { actorOf, notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { invalid, parseForm, value } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "PCNs – Care Portfolio" }];

async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!canManagePcns(user.viewer)) throw notFound();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { pcns: await listPcns(getDb()) };
}

const PcnForm = z.object({
  name: z.string({ error: "Enter the PCN's name" }).trim().min(1, "Enter the PCN's name").max(200, "Name must be 200 characters or fewer"),
  odsCode: z
    .string({ error: "Enter the PCN's ODS code" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3,10}$/, "Enter an ODS code of 3 to 10 letters and numbers, like U12345"),
  icsName: z
    .string()
    .trim()
    .max(200, "ICS name must be 200 characters or fewer")
    .optional()
    .transform((s) => s || null),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const parsed = parseForm(PcnForm, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const db = getDb();
  if (await odsCodeTaken(db, parsed.data.odsCode)) {
    return invalid({ odsCode: "A PCN with this ODS code already exists" }, parsed.data as Record<string, string>);
  }
  const id = await createPcn(db, parsed.data, actorOf(user, context));
  return redirect(`/admin/pcns?created=${id}`);
}

export default function Pcns() {
  const { pcns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Primary Care Networks</h1>
      {pcns.length ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">PCNs in this deployment</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ODS code</th>
              <th scope="col">ICS</th>
              <th scope="col">Active people</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {pcns.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.odsCode}</td>
                <td>{p.icsName ?? "Not recorded"}</td>
                <td>{p.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>There are no PCNs yet.</p>
      )}
      <h2>Add a PCN</h2>
      <Form method="post" noValidate>
        <TextInput name="name" label="PCN name" error={errors?.name} defaultValue={value(actionData?.values, "name")} />
        <TextInput name="odsCode" label="ODS code" hint="The PCN's Organisation Data Service code, for example U12345" width={10} error={errors?.odsCode} defaultValue={value(actionData?.values, "odsCode")} />
        <TextInput name="icsName" label="Integrated care system (optional)" error={errors?.icsName} defaultValue={value(actionData?.values, "icsName")} />
        <button className="nhsuk-button" type="submit">
          Add PCN
        </button>
      </Form>
    </>
  );
}
