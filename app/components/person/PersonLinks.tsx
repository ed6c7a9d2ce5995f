import { Link } from "~/components/kit/Link";
import { PlainList } from "~/components/kit/Text";

/** Subject access and, for a leaver, deleting their records (ADR 0010). */
export function PersonalDataLinks({
  personId,
  canExport,
  canPurge,
}: {
  personId: number;
  canExport: boolean;
  canPurge: boolean;
}) {
  if (!canExport && !canPurge) return null;
  return (
    <PlainList>
      {canExport ? (
        <li>
          <a href={`/people/${personId}/personal-data.tar`} download>
            Download all personal data held (TAR archive)
          </a>
        </li>
      ) : null}
      {canPurge ? (
        <li>
          <Link to={`/people/${personId}/purge`}>Delete their records</Link>
        </li>
      ) : null}
    </PlainList>
  );
}

const PORTFOLIO_PAGES = [
  ["portfolio", "Competencies"],
  ["evidence", "Evidence"],
  ["training", "Training"],
  ["cpd", "CPD log"],
  ["supervision", "Supervision record"],
  ["self-assessment", "Self-assessment"],
  ["development-plan", "Development plan"],
  ["pathways", "Development pathways"],
  ["induction", "Induction checklist"],
  ["appraisals", "Appraisals"],
  ["export", "Export PDF portfolio"],
] as const;

/** The pages of a member of staff's portfolio. */
export function PortfolioLinks({ personId }: { personId: number }) {
  return (
    <nav aria-labelledby="portfolio-links">
      <h2 id="portfolio-links">Portfolio</h2>
      <PlainList>
        {PORTFOLIO_PAGES.map(([path, label]) => (
          <li key={path}>
            <Link to={`/people/${personId}/${path}`}>{label}</Link>
          </li>
        ))}
      </PlainList>
    </nav>
  );
}
