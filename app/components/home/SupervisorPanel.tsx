import { Link } from "~/components/kit/Link";
import { LinkCard } from "~/components/kit/Card";
import { PlainList } from "~/components/kit/Text";

/** A supervisor's part of the home page: the evidence waiting for review and the people they supervise. */
export function SupervisorPanel({
  reviewCount,
  supervisees,
}: {
  reviewCount: number;
  supervisees: { id: number; name: string }[];
}) {
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Supervision</h2>
      <LinkCard to="/review">
        {reviewCount} {reviewCount === 1 ? "piece" : "pieces"} of evidence to review
      </LinkCard>
      {supervisees.length ? (
        <>
          <h3>People you supervise</h3>
          <PlainList>
            {supervisees.map((s) => (
              <li key={s.id}>
                <Link to={`/people/${s.id}`}>{s.name}</Link> ·{" "}
                <Link to={`/people/${s.id}/portfolio`}>competencies</Link> ·{" "}
                <Link to={`/people/${s.id}/supervision`}>supervision record</Link>
              </li>
            ))}
          </PlainList>
        </>
      ) : (
        <p>You are not anyone's designated supervisor yet.</p>
      )}
    </section>
  );
}
