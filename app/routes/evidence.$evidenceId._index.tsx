import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Confirmation } from "~/components/Confirmation";
import { ErrorSummary, Textarea } from "~/components/Fields";
import { EvidenceStatusTag } from "~/components/StatusTag";
import { allowedActions } from "~/domain/evidence-workflow";
import { EVIDENCE_TYPES } from "~/domain/vocabulary";
import { moveEvidence } from "~/models/evidence.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { evidenceFor } from "~/services/evidence-page.server";
import { invalid, parseForm, value } from "~/forms/fields";
import { competencyTitles } from "~/content/framework.server";
import { idParam } from "~/lib/request.server";
import { formatDate, formatDateTime, formatInstantDate } from "~/domain/format";
import { SummaryList } from "~/components/SummaryList";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.current.title ?? "Evidence", data?.owner.name) },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence, owner, as, acceptedVersion } = await evidenceFor(user.viewer, idParam(params.evidenceId));
  const [current, ...earlier] = evidence.versions;
  return {
    id: evidence.id,
    status: evidence.status,
    frameworkVersion: evidence.frameworkVersion,
    current: current!,
    earlier,
    reviews: evidence.reviews,
    changesInProgress: evidence.changesInProgress,
    acceptedVersion,
    owner: { id: owner.id, name: owner.name },
    as,
    actions: allowedActions(evidence.status, as),
    competencyTitles: competencyTitles(),
  };
}

const Move = z.object({
  intent: z.enum(["submit", "withdraw", "return", "accept"], { error: "Choose what to do" }),
  comment: z.string().trim().max(5000, "Comment must be 5,000 characters or fewer").optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence, owner, as } = await evidenceFor(user.viewer, idParam(params.evidenceId));
  const parsed = parseForm(Move, await readForm(request));
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { intent, comment } = parsed.data;
  const result = await moveEvidence(
    getDb(),
    evidence.id,
    { action: intent, as, comment, pcnId: owner.pcnId },
    { ...actorOf(user, context), id: user.viewer.id },
  );
  if (!result.ok)
    return invalid(intent === "return" ? { comment: result.reason } : { form: result.reason }, {
      comment: comment ?? "",
    });
  const messages = {
    submit: "Submitted for review",
    withdraw: "Withdrawn: it is a draft again",
    return: "Returned with your comments",
    accept: "Evidence accepted",
  };
  return { done: messages[intent] };
}

/** A one-button form that posts an intent to this page's action. */
function IntentButton({ intent, label, secondary = false }: { intent: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button className={`nhsuk-button${secondary ? " nhsuk-button--secondary" : ""}`} type="submit">
        {label}
      </button>
    </Form>
  );
}

function formatBytes(size: number) {
  return size > 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(size / 1024))}KB`;
}

export default function EvidencePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  const { current } = data;
  const lastReturn = data.reviews.findLast((r) => r.action === "return");
  const can = (a: string) => data.actions.includes(a as (typeof data.actions)[number]);
  return (
    <>
      <ErrorSummary errors={errors} />
      <Confirmation message={actionData && "done" in actionData ? actionData.done : undefined} />
      <Link className="nhsuk-back-link" to={data.as === "owner" ? "/" : `/people/${data.owner.id}/portfolio`}>
        {data.as === "owner" ? "Back to my portfolio" : `Back to ${data.owner.name}'s portfolio`}
      </Link>
      <span className="nhsuk-caption-l">
        {data.owner.name} · version {current.version}
      </span>
      <h1>{current.title}</h1>
      <p>
        <EvidenceStatusTag status={data.status} changesInProgress={data.changesInProgress} />
      </p>
      {data.changesInProgress ? (
        <div className="nhsuk-inset-text">
          <p>
            {data.as === "owner"
              ? `Version ${data.acceptedVersion} is your accepted record and stays in your portfolio. These changes are in progress until a supervisor accepts them.`
              : `${data.owner.name} is changing this evidence. This is the version they last submitted; you will see the changes once they submit them.`}
          </p>
        </div>
      ) : null}
      {data.status === "returned" && lastReturn?.comment ? (
        <div className="nhsuk-inset-text">
          <h2 className="nhsuk-heading-s">
            {lastReturn.actorName} returned this on {formatDateTime(lastReturn.at)}
          </h2>
          <p className="app-prewrap">{lastReturn.comment}</p>
        </div>
      ) : null}
      <SummaryList
        rows={[
          ["Date of the activity", formatDate(current.activityDate)],
          ["Type", EVIDENCE_TYPES[current.type as keyof typeof EVIDENCE_TYPES] ?? current.type],
          [
            "Competencies",
            <ul className="nhsuk-list" key="competencies">
              {current.competencyIds.map((c) => (
                <li key={c}>
                  <Link to={`/people/${data.owner.id}/competencies/${c}`}>{data.competencyTitles[c] ?? c}</Link>
                </li>
              ))}
            </ul>,
          ],
          [
            "Files",
            current.attachments.length ? (
              <ul className="nhsuk-list" key="files">
                {current.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/attachments/${a.id}`} download>
                      {a.fileName}
                    </a>{" "}
                    ({formatBytes(a.size)})
                  </li>
                ))}
              </ul>
            ) : (
              "None"
            ),
          ],
          ["Framework version", data.frameworkVersion],
        ]}
      />
      {current.patientDataConfirmedAt ? (
        <div className="nhsuk-inset-text">
          <p>
            The author confirmed on {formatInstantDate(current.patientDataConfirmedAt)} that text flagged as possible
            patient data is not patient data: {current.patientDataFindings.join("; ")}.
          </p>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">What happened</h2>
      <p className="app-prewrap">{current.whatHappened}</p>
      <h2 className="nhsuk-heading-m">What I learned</h2>
      <p className="app-prewrap">{current.whatLearned}</p>
      <h2 className="nhsuk-heading-m">What I will do differently</h2>
      <p className="app-prewrap">{current.whatNext}</p>

      {data.as === "owner" ? (
        <div className="nhsuk-button-group">
          {can("edit") || (can("amend") && data.status === "returned") ? (
            <Link className="nhsuk-button nhsuk-button--secondary" to={`/evidence/${data.id}/edit`}>
              {data.status === "returned" ? "Amend" : "Edit"}
            </Link>
          ) : null}
          {can("amend") && data.status === "accepted" ? (
            <Link className="nhsuk-button nhsuk-button--secondary" to={`/evidence/${data.id}/edit`}>
              Amend (creates a new version)
            </Link>
          ) : null}
          {can("submit") ? <IntentButton intent="submit" label="Submit for review" /> : null}
          {can("withdraw") ? <IntentButton intent="withdraw" label="Withdraw from review" secondary /> : null}
        </div>
      ) : null}

      {data.as === "reviewer" && (can("accept") || can("return")) ? (
        <>
          <h2>Review</h2>
          <Form method="post" noValidate>
            <Textarea
              name="comment"
              label="Comment"
              hint="Needed when you return evidence: say what should change"
              error={errors?.comment}
              defaultValue={value(values, "comment")}
            />
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" name="intent" value="accept">
                Accept
              </button>
              <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value="return">
                Return with comments
              </button>
            </div>
          </Form>
        </>
      ) : null}

      <h2>History</h2>
      {data.reviews.length ? (
        <ol className="nhsuk-list">
          {data.reviews.map((r) => (
            <li key={r.id} className="nhsuk-u-margin-bottom-3">
              <strong>
                {formatDateTime(r.at)}: {r.actorName}{" "}
                {{ submit: "submitted", withdraw: "withdrew", return: "returned", accept: "accepted" }[r.action] ??
                  r.action}{" "}
                version {r.version}
              </strong>
              {r.comment ? <p className="app-prewrap nhsuk-u-margin-bottom-0">“{r.comment}”</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>Not submitted yet.</p>
      )}
      {data.earlier.length ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Earlier versions ({data.earlier.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            {data.earlier.map((v) => (
              <section key={v.version}>
                <h3>
                  Version {v.version}: {v.title}
                </h3>
                <p className="app-prewrap">{v.whatHappened}</p>
                <p className="app-prewrap">{v.whatLearned}</p>
                <p className="app-prewrap">{v.whatNext}</p>
              </section>
            ))}
          </div>
        </details>
      ) : null}
    </>
  );
}
