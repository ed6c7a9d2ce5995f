import { Details } from "~/components/kit/Text";
import { formatDateTime } from "~/domain/format";
import { REVIEW_ACTION_VERBS, type ReviewAction } from "~/domain/vocabulary";

interface Review {
  id: number;
  at: string;
  actorName: string;
  action: ReviewAction;
  version: number;
  comment: string | null;
}

interface EarlierVersion {
  version: number;
  title: string;
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
}

/** Who submitted, withdrew, returned and accepted which version, then the earlier versions' text. */
export function EvidenceHistory({ reviews, earlier }: { reviews: Review[]; earlier: EarlierVersion[] }) {
  return (
    <>
      <h2>History</h2>
      {reviews.length ? (
        <ol className="nhsuk-list">
          {reviews.map((r) => (
            <li key={r.id} className="nhsuk-u-margin-bottom-3">
              <strong>
                {formatDateTime(r.at)}: {r.actorName} {REVIEW_ACTION_VERBS[r.action]} version {r.version}
              </strong>
              {r.comment ? <p className="app-prewrap nhsuk-u-margin-bottom-0">“{r.comment}”</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>Not submitted yet.</p>
      )}
      {earlier.length ? (
        <Details summary={`Earlier versions (${earlier.length})`}>
          {earlier.map((v) => (
            <section key={v.version}>
              <h3>
                Version {v.version}: {v.title}
              </h3>
              <p className="app-prewrap">{v.whatHappened}</p>
              <p className="app-prewrap">{v.whatLearned}</p>
              <p className="app-prewrap">{v.whatNext}</p>
            </section>
          ))}
        </Details>
      ) : null}
    </>
  );
}
