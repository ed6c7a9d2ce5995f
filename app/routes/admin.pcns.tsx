import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Confirmation } from "~/components/Confirmation";
import { ErrorSummary } from "~/components/Fields";
import { PcnForm } from "~/components/PcnForm";
import { createPcn, listPcns, odsCodeTaken } from "~/models/pcn.server";
import { canManagePcns } from "~/domain/permissions";
import { actorOf, requireUserWho } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm } from "~/forms/fields";
import { pcnSchema } from "~/forms/pcn.server";
import { pageTitle } from "~/lib/page-title";
import { Table } from "~/components/Table";

export const meta: MetaFunction = () => [{ title: pageTitle("Primary Care Networks") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWho(request, context, canManagePcns);
  return { pcns: await listPcns(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWho(request, context, canManagePcns);
  const parsed = parseForm(pcnSchema, await request.formData());
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
  const [search] = useSearchParams();
  const changed = pcns.find((p) => String(p.id) === search.get("updated"));
  return (
    <>
      <ErrorSummary errors={errors} />
      <Confirmation message={changed && !actionData ? `${changed.name}: details saved` : undefined} />
      <h1>Primary Care Networks</h1>
      {pcns.length ? (
        <Table caption="PCNs in this deployment">
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ODS code</th>
              <th scope="col">ICS</th>
              <th scope="col">Active people</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {pcns.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.odsCode}</td>
                <td>{p.icsName ?? "Not recorded"}</td>
                <td>{p.people}</td>
                <td>
                  <Link to={`/admin/pcns/${p.id}`}>
                    Change<span className="nhsuk-u-visually-hidden"> {p.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>There are no PCNs yet.</p>
      )}
      <h2>Add a PCN</h2>
      <PcnForm errors={errors} values={actionData?.values} submitLabel="Add PCN" />
    </>
  );
}
