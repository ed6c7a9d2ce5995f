import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { ErrorSummary, Select } from "~/components/Fields";
import { todayInLondon } from "~/domain/training-status";
import { currentAppraisalYear, recentAppraisalYears } from "~/services/portfolio-export.server";
import { periodSchema } from "~/forms/period.server";
import { requireUser } from "~/services/auth.server";
import { type FieldErrors, invalid, parseForm, value } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { BackLink, InsetText } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";
import { PDF_BUSY_MESSAGE } from "~/components/busy-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data?.own ? "Download your portfolio" : "Download portfolio",
      data?.own ? null : data?.person.name,
    ),
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  return {
    person: { id: person.id, name: person.name },
    own: person.id === user.viewer.id,
    currentPeriod: currentAppraisalYear(todayInLondon(new Date())).label,
    periods: recentAppraisalYears(todayInLondon(new Date())),
  };
}

/** Without JavaScript the form posts here: a bad year comes back with its error, a good one goes to the download. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const parsed = parseForm(periodSchema(todayInLondon(new Date())), await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  return redirect(pdfUrl(person.id, parsed.data.period.label));
}

const pdfUrl = (personId: number, period: string) =>
  `/people/${personId}/export.pdf?period=${encodeURIComponent(period)}`;

type Progress =
  | { state: "idle" }
  | { state: "preparing" }
  | { state: "done"; fileName: string }
  | { state: "busy" }
  | { state: "failed" };

function fileNameOf(response: Response): string {
  return /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "portfolio.pdf";
}

/** Saves a fetched file the way a download link would. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ExportPortfolio() {
  const { person, own, currentPeriod, periods } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  const errors = clientErrors ?? actionData?.errors;

  // With JavaScript the page stays put and says what is happening while a large PDF is made.
  async function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress.state === "preparing") return;
    const period = String(new FormData(event.currentTarget).get("period") ?? "");
    setClientErrors(undefined);
    setProgress({ state: "preparing" });
    try {
      const response = await fetch(pdfUrl(person.id, period), { credentials: "same-origin" });
      if (response.status === 400) {
        setClientErrors(((await response.json()) as { errors: FieldErrors }).errors);
        setProgress({ state: "idle" });
        return;
      }
      if (response.status === 503) {
        setProgress({ state: "busy" });
        return;
      }
      if (!response.ok) throw new Error(`status ${response.status}`);
      const fileName = fileNameOf(response);
      save(await response.blob(), fileName);
      setProgress({ state: "done", fileName });
    } catch {
      setProgress({ state: "failed" });
    }
  }

  return (
    <Row>
      <Column width="two-thirds">
        <BackLink to={`/people/${person.id}/portfolio`}>Back to {own ? "my" : `${person.name}'s`} portfolio</BackLink>
        <ErrorSummary errors={errors} />
        <h1>Download {own ? "your" : `${person.name}'s`} portfolio for appraisal</h1>
        <p>
          The PDF has a cover page, the competency summary, the evidence, CPD and supervision dated in the appraisal
          year, training and its expiry dates, and a declaration for {own ? "you" : person.name} and the appraiser to
          sign.
        </p>
        <form method="post" noValidate onSubmit={download}>
          <Select
            name="period"
            label="Appraisal year"
            options={periods.map((p) => ({ value: p, label: p === currentPeriod ? `${p} (this year)` : p }))}
            error={errors?.period}
            defaultValue={value(actionData?.values, "period") || currentPeriod}
          />
          <Button aria-disabled={progress.state === "preparing"}>Download PDF</Button>
        </form>
        <div role="status" aria-live="polite" data-testid="export-status">
          {progress.state === "preparing" ? (
            <InsetText>
              <p>Preparing your PDF… A large portfolio can take a few seconds.</p>
            </InsetText>
          ) : progress.state === "done" ? (
            <InsetText>
              <p>Your PDF has downloaded: {progress.fileName}</p>
            </InsetText>
          ) : progress.state === "busy" ? (
            <InsetText>
              <p>{PDF_BUSY_MESSAGE}</p>
            </InsetText>
          ) : progress.state === "failed" ? (
            <InsetText>
              <p>Sorry, the PDF could not be made. Try again, and if it still fails, tell your PCN lead.</p>
            </InsetText>
          ) : null}
        </div>
      </Column>
    </Row>
  );
}
