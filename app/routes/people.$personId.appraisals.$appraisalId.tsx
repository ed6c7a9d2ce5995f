import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppraisalForm } from "~/components/appraisal/AppraisalForm";
import { AppraisalRecord } from "~/components/appraisal/AppraisalRecord";
import { PreparedSummary } from "~/components/appraisal/PreparedSummary";
import { ErrorSummary } from "~/components/Fields";
import { PostButton } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";
import { BackLink, Heading, InsetText, PageHeading } from "~/components/kit/Text";
import { appraisalWorkflow } from "~/domain/appraisal-workflow";
import { formatDate } from "~/domain/format";
import { todayInLondon } from "~/domain/training-status";
import { patientDetailErrorsIn } from "~/forms/compliance.server";
import {
  APPRAISAL_TEXT_FIELDS,
  appraisalFormValues,
  appraisalSchema,
  appraisalStepSchema,
} from "~/forms/appraisal.server";
import { formValues, invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import {
  appraisalAccessFor,
  appraisalPageFor,
  takeAppraisalStep,
  type AppraisalStep,
} from "~/services/appraisal.server";
import { notFound, requireUser } from "~/services/auth.server";
import { recentAppraisalYears } from "~/services/portfolio-export.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Appraisal on ${formatDate(data.appraisal.heldOn)}` : "Appraisal", data?.person.name) },
];

/** The person (404 unless this viewer may see their appraisals) and one of their appraisals (404 if not theirs). */
async function appraisalFor({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await appraisalAccessFor(user, idParam(params.personId));
  const appraisalId = idParam(params.appraisalId);
  const found = appraisalId === null ? undefined : await appraisalPageFor(getDb(), access, appraisalId);
  if (!found) throw notFound();
  return { access, ...found };
}

export async function loader(args: LoaderFunctionArgs) {
  const { access, role, appraisal, actions, prepared, pdfPeriod } = await appraisalFor(args);
  return {
    person: { id: access.person.id, name: access.person.name },
    role,
    appraisal,
    actions,
    prepared,
    pdfPeriod,
    periods: recentAppraisalYears(todayInLondon(new Date())),
    formDefaults: appraisalFormValues({ ...appraisal, periodLabel: appraisal.periodLabel ?? "" }),
  };
}

const FLASH = {
  edit: "Appraisal changed",
  "appraiser-confirm": "Appraisal confirmed. It can no longer be changed; they can now confirm it too.",
  "person-confirm": "Appraisal confirmed. Its objectives are now in the development plan.",
} as const;

/** Reads the step the form asks for: a change of the record, or a confirmation. */
function parseStep(form: FormData) {
  if (form.get("intent") !== "edit") return parseForm(appraisalStepSchema, form);
  const parsed = parseForm(appraisalSchema(), form);
  return parsed.ok ? { ok: true as const, data: { intent: "edit" as const, input: parsed.data } } : parsed;
}

export async function action(args: ActionFunctionArgs) {
  const { access, role, appraisal } = await appraisalFor(args);
  if (role === "other") throw notFound();
  const form = await args.request.formData();
  const parsed = parseStep(form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const step: AppraisalStep = parsed.data;
  // Each step is the appraiser's or the person's: anyone else is refused as if the appraisal were not there.
  if (!appraisalWorkflow.permits(step.intent, role)) throw notFound();
  if (step.intent === "edit") {
    const patientDetails = patientDetailErrorsIn(form, APPRAISAL_TEXT_FIELDS);
    if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  }
  const result = await takeAppraisalStep(access, appraisal, step, args.context);
  if (!result.ok) return invalid({ form: result.reason }, formValues(form));
  return redirectWithFlash(args.request, `/people/${access.person.id}/appraisals/${appraisal.id}`, FLASH[step.intent]);
}

export default function AppraisalPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  const a = data.appraisal;
  const editable = data.actions.includes("edit");
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${data.person.id}/appraisals`}>Back to appraisals</BackLink>
        <PageHeading caption={data.person.name}>Appraisal on {formatDate(a.heldOn)}</PageHeading>
        <PreparedSummary
          period={{ start: a.periodStart, end: a.periodEnd, label: a.periodLabel }}
          personId={data.person.id}
          pdfPeriod={data.pdfPeriod}
          prepared={data.prepared}
        />
        <Heading level={2}>The appraisal record</Heading>
        <AppraisalRecord personId={data.person.id} personName={data.person.name} appraisal={a} />
        {a.status !== "draft" ? (
          <InsetText>
            <p>This appraisal has been confirmed, so nobody can change it.</p>
          </InsetText>
        ) : null}
        {data.actions.includes("appraiser-confirm") ? (
          <>
            <p>Confirm the record when it is complete. After that nobody can change it.</p>
            <PostButton fields={{ intent: "appraiser-confirm" }}>Confirm appraisal as appraiser</PostButton>
          </>
        ) : null}
        {data.actions.includes("person-confirm") ? (
          <>
            <p>
              Confirm that this is a true record of your appraisal. Its objectives then go into your development plan.
            </p>
            <PostButton fields={{ intent: "person-confirm" }}>Confirm my appraisal</PostButton>
          </>
        ) : null}
        {editable ? (
          <>
            <Heading level={2}>Change the record</Heading>
            <AppraisalForm
              errors={errors}
              values={values ?? data.formDefaults}
              periods={data.periods}
              submitLabel="Save changes"
              intent="edit"
            />
          </>
        ) : null}
      </Column>
    </Row>
  );
}
