import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppraisalForm } from "~/components/appraisal/AppraisalForm";
import { PreparedSummary } from "~/components/appraisal/PreparedSummary";
import { ErrorSummary } from "~/components/Fields";
import { Column, Row } from "~/components/kit/Grid";
import { BackLink, PageHeading } from "~/components/kit/Text";
import { todayInLondon } from "~/domain/training-status";
import { patientDetailErrorsIn } from "~/forms/compliance.server";
import { APPRAISAL_TEXT_FIELDS, appraisalSchema } from "~/forms/appraisal.server";
import { formValues, invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { appraisalAccessFor, preparedSummary, recordAppraisal } from "~/services/appraisal.server";
import { notFound, requireUser } from "~/services/auth.server";
import { currentAppraisalYear, recentAppraisalYears } from "~/services/portfolio-export.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Record an appraisal", data?.person.name) },
];

/** Only the person's appraiser records an appraisal. */
async function appraiserOf({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await appraisalAccessFor(user, idParam(params.personId));
  if (access.role !== "appraiser") throw notFound();
  return access;
}

export async function loader(args: LoaderFunctionArgs) {
  const access = await appraiserOf(args);
  const today = todayInLondon(new Date());
  const year = currentAppraisalYear(today);
  return {
    person: { id: access.person.id, name: access.person.name },
    periods: recentAppraisalYears(today),
    year: year.label,
    // The meeting starts prepared: what happened in this appraisal year so far.
    period: { start: year.start, end: year.end, label: year.label },
    prepared: await preparedSummary(getDb(), access.person, year),
  };
}

export async function action(args: ActionFunctionArgs) {
  const access = await appraiserOf(args);
  const form = await args.request.formData();
  const parsed = parseForm(appraisalSchema(), form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const patientDetails = patientDetailErrorsIn(form, APPRAISAL_TEXT_FIELDS);
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  const id = await recordAppraisal(access, parsed.data, args.context);
  return redirectWithFlash(
    args.request,
    `/people/${access.person.id}/appraisals/${id}`,
    "Appraisal recorded. Confirm it when it is complete, then they can confirm it too.",
  );
}

export default function NewAppraisalPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${data.person.id}/appraisals`}>Back to appraisals</BackLink>
        <PageHeading caption={data.person.name}>Record an appraisal</PageHeading>
        <PreparedSummary period={data.period} personId={data.person.id} pdfPeriod={null} prepared={data.prepared} />
        <AppraisalForm
          errors={errors}
          values={values ?? { period: data.year }}
          periods={data.periods}
          submitLabel="Save appraisal"
        />
      </Column>
    </Row>
  );
}
