import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/Fields";
import { PcnForm } from "~/components/PcnForm";
import { getPcn, odsCodeTaken, updatePcn } from "~/models/pcn.server";
import { canManagePcns } from "~/domain/permissions";
import { actorOf, notFound, requireUserWho } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formValues, invalid, parseForm } from "~/forms/fields";
import { pcnSchema } from "~/forms/pcn.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { redirectWithFlash } from "~/lib/flash.server";
import { BackLink } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Change PCN", data?.pcn.name) }];

async function pcnFor(request: Request, context: LoaderFunctionArgs["context"], pcnId: string | undefined) {
  const user = await requireUserWho(request, context, canManagePcns);
  const id = idParam(pcnId);
  const pcn = id === null ? undefined : await getPcn(getDb(), id);
  if (!pcn) throw notFound();
  return { user, pcn };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { pcn } = await pcnFor(request, context, params.pcnId);
  return { pcn, values: { name: pcn.name, odsCode: pcn.odsCode, icsName: pcn.icsName ?? "" } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, pcn } = await pcnFor(request, context, params.pcnId);
  const form = await request.formData();
  const parsed = parseForm(pcnSchema, form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const db = getDb();
  if (await odsCodeTaken(db, parsed.data.odsCode, pcn.id)) {
    return invalid({ odsCode: "Another PCN already has this ODS code" }, formValues(form));
  }
  await updatePcn(db, pcn.id, parsed.data, actorOf(user, context));
  return redirectWithFlash(request, "/admin/pcns", `${parsed.data.name}: details saved`);
}

export default function ChangePcn() {
  const { pcn, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <BackLink to="/admin/pcns">Back to PCNs</BackLink>
        <ErrorSummary errors={actionData?.errors} />
        <h1>Change {pcn.name}</h1>
        <PcnForm errors={actionData?.errors} values={actionData?.values ?? values} submitLabel="Save changes" />
      </Column>
    </Row>
  );
}
