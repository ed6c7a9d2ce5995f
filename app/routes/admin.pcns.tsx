import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/Fields";
import { PcnForm } from "~/components/PcnForm";
import { createPcn, listPcns, odsCodeTaken } from "~/models/pcn.server";
import { canManagePcns } from "~/domain/permissions";
import { actorOf, requireUserWho } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formValues, invalid, parseForm } from "~/forms/fields";
import { pcnSchema } from "~/forms/pcn.server";
import { pageTitle } from "~/lib/page-title";
import { Table, TableBody, TableHead } from "~/components/Table";
import { VisuallyHidden } from "~/components/kit/Text";

export const meta: MetaFunction = () => [{ title: pageTitle("Primary Care Networks") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWho(request, context, canManagePcns);
  return { pcns: await listPcns(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWho(request, context, canManagePcns);
  const form = await request.formData();
  const parsed = parseForm(pcnSchema, form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const db = getDb();
  if (await odsCodeTaken(db, parsed.data.odsCode)) {
    return invalid({ odsCode: "A PCN with this ODS code already exists" }, formValues(form));
  }
  await createPcn(db, parsed.data, actorOf(user, context));
  return redirectWithFlash(request, "/admin/pcns", `${parsed.data.name} added`);
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
        <Table caption="PCNs in this deployment">
          <TableHead columns={["Name", "ODS code", "ICS", "Active people", <VisuallyHidden>Action</VisuallyHidden>]} />
          <TableBody>
            {pcns.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.odsCode}</td>
                <td>{p.icsName ?? "Not recorded"}</td>
                <td>{p.people}</td>
                <td>
                  <Link to={`/admin/pcns/${p.id}`}>
                    Change<VisuallyHidden> {p.name}</VisuallyHidden>
                  </Link>
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p>There are no PCNs yet.</p>
      )}
      <h2>Add a PCN</h2>
      <PcnForm errors={errors} values={actionData?.values} submitLabel="Add PCN" />
    </>
  );
}
