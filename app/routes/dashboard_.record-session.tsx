import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/Fields";
import { TeamSessionForm } from "~/components/dashboard/TeamSessionForm";
import { BackLink } from "~/components/kit/Text";
import { getContent } from "~/content/index.server";
import { canRecordTeamTraining } from "~/domain/permissions";
import { TEAM_SESSION_ARRAYS, teamSessionSchema } from "~/forms/compliance.server";
import { invalid, parseForm } from "~/forms/fields";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { actorOf, notFound, requireUserWho, type CurrentUser } from "~/services/auth.server";
import { recordTeamSession, sessionAttendees } from "~/services/team-training.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Record a team training session") }];

async function requireLead(request: Request, context: LoaderFunctionArgs["context"]) {
  return (await requireUserWho(request, context, canRecordTeamTraining)) as CurrentUser & {
    viewer: { pcnId: number };
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLead(request, context);
  return {
    requirements: getContent().trainingRequirements.requirements.map((r) => ({ value: r.id, label: r.title })),
    staff: (await sessionAttendees(user)).map((p) => ({ value: String(p.id), label: p.name })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireLead(request, context);
  const staff = await sessionAttendees(user);
  const form = await request.formData();
  const parsed = parseForm(teamSessionSchema(), form, { arrays: TEAM_SESSION_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  // Someone the lead may not record training for is answered as if they did not exist, and nothing is saved.
  if (!parsed.data.personIds.every((id) => staff.some((p) => p.id === id))) throw notFound();
  const recorded = await recordTeamSession(user, actorOf(user, context), parsed.data);
  const title = getContent().trainingRequirements.requirements.find((r) => r.id === parsed.data.requirementId)!.title;
  return redirectWithFlash(
    request,
    "/dashboard",
    `${title} recorded for ${recorded} ${recorded === 1 ? "person" : "people"}`,
  );
}

export default function RecordTeamSession() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <BackLink to="/dashboard">Back to the dashboard</BackLink>
      <h1>Record a team training session</h1>
      <p>
        Record training your team did together once for everyone who attended. Each person&apos;s record is saved and
        audited separately, and their readiness is updated at once.
      </p>
      <TeamSessionForm
        requirements={data.requirements}
        staff={data.staff}
        errors={actionData?.errors}
        values={actionData?.values}
      />
    </>
  );
}
