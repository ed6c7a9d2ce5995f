import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/Fields";
import { LocalPeriodForm, LocalPeriodsTable, renewalWords } from "~/components/dashboard/LocalPeriods";
import { BackLink, PageHeading } from "~/components/kit/Text";
import { findRequirement, getContent } from "~/content/index.server";
import { canSetLocalPeriods } from "~/domain/permissions";
import { localPeriodSchema, removeLocalPeriodSchema } from "~/forms/compliance.server";
import { invalid, parseForm } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { listLocalPeriods, removeLocalPeriod, setLocalPeriod } from "~/models/local-periods.server";
import { getPcn } from "~/models/pcn.server";
import { actorOf, notFound, requireUser, type CurrentUser } from "~/services/auth.server";
import { readForm } from "~/services/upload.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Local renewal periods") }];

/** Only the lead of a PCN sets its periods; anyone else is told the page does not exist. */
async function requireLead(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  if (!canSetLocalPeriods(user.viewer)) throw notFound();
  return user as CurrentUser & { viewer: { pcnId: number } };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLead(request, context);
  const db = getDb();
  const pcn = await getPcn(db, user.viewer.pcnId);
  const local = new Map((await listLocalPeriods(db, user.viewer.pcnId)).map((p) => [p.requirementId, p]));
  return {
    pcnName: pcn?.name ?? null,
    periods: getContent().trainingRequirements.requirements.map((r) => {
      const own = local.get(r.id);
      return {
        id: r.id,
        title: r.title,
        contentMonths: r.renewalMonths,
        local: own
          ? { months: own.renewalMonths, reason: own.reason, setByName: own.setByName, setAt: own.setAt }
          : null,
      };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireLead(request, context);
  const form = await readForm(request);
  const actor = { ...actorOf(user, context), id: user.viewer.id };
  const db = getDb();
  if (form.get("intent") === "remove") {
    const parsed = parseForm(removeLocalPeriodSchema(), form);
    if (!parsed.ok) return invalid({ form: "Choose a local period to remove from the table" });
    const { requirementId } = parsed.data;
    const requirement = findRequirement(getContent(), requirementId)!;
    if (!(await removeLocalPeriod(db, user.viewer.pcnId, requirementId, actor)))
      return invalid({ form: `${requirement.title} has no local period to remove` });
    return redirectWithFlash(
      request,
      "/dashboard/periods",
      `Local period removed: ${requirement.title} now renews ${renewalWords(requirement.renewalMonths)}`,
    );
  }
  const parsed = parseForm(localPeriodSchema(), form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  await setLocalPeriod(db, user.viewer.pcnId, parsed.data, actor);
  const requirement = findRequirement(getContent(), parsed.data.requirementId)!;
  return redirectWithFlash(
    request,
    "/dashboard/periods",
    `Local period saved: ${requirement.title} now renews ${renewalWords(parsed.data.renewalMonths)} in your PCN`,
  );
}

export default function LocalPeriods() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to="/dashboard">Back to the dashboard</BackLink>
      <PageHeading caption={data.pcnName ?? undefined}>Local renewal periods</PageHeading>
      <p>
        Your PCN can renew a piece of training more or less often than the standard period, for example when your
        integrated care system asks for yearly updates. Expiry dates, readiness to take referrals, the dashboard and the
        compliance report then use your period for your PCN’s staff only. Each change is recorded in the audit trail
        with the reason.
      </p>
      <LocalPeriodsTable periods={data.periods} />
      <h2>Set a local period</h2>
      <LocalPeriodForm periods={data.periods} errors={errors} values={actionData?.values} />
    </>
  );
}
