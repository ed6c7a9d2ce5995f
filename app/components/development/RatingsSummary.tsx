import { Link } from "~/components/kit/Link";
import { PostButton } from "~/components/kit/Button";
import { StateTag } from "~/components/kit/Tag";
import { Table, TableBody, TableHead } from "~/components/Table";
import { formatInstantDate } from "~/domain/format";
import type { RatingAction, RatingState } from "~/domain/vocabulary";
import type { CompetencyStatus } from "~/domain/vocabulary";

export interface RatedCompetency {
  id: string;
  title: string;
  self: { id: number; level: string | null; status: RatingState; ratedAt: string } | null;
  confirmed: { level: string | null; decidedAt: string | null } | null;
  signOff: Exclude<CompetencyStatus, "not-started" | "developing"> | null;
  actions: RatingAction[];
}

export interface RatedArea {
  id: string;
  title: string;
  competencies: RatedCompetency[];
}

const SIGN_OFF_WORDS = { "signed-off": "Signed off", withdrawn: "Sign-off withdrawn" } as const;

/**
 * Each competency's self-rating, the rating the supervisor last confirmed and its sign-off, side by side: they are
 * different judgements, so they are never combined into one figure.
 */
export function RatingsSummary({ personId, areas }: { personId: number; areas: RatedArea[] }) {
  return (
    <>
      {areas.map((area) => (
        <Table key={area.id} caption={area.title} testId={`ratings-${area.id}`}>
          <TableHead columns={["Competency", "Self-rating", "Confirmed by supervisor", "Sign-off", "Action"]} />
          <TableBody>
            {area.competencies.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>
                  {c.self ? (
                    <>
                      {c.self.level} <StateTag kind="rating" state={c.self.status} />
                      <br />
                      <span className="nhsuk-body-s">{formatInstantDate(c.self.ratedAt)}</span>
                    </>
                  ) : (
                    "Not rated"
                  )}
                </td>
                <td>
                  {c.confirmed ? (
                    <>
                      {c.confirmed.level}
                      <br />
                      <span className="nhsuk-body-s">{formatInstantDate(c.confirmed.decidedAt)}</span>
                    </>
                  ) : (
                    "Not confirmed"
                  )}
                </td>
                <td>{c.signOff ? SIGN_OFF_WORDS[c.signOff] : "Not signed off"}</td>
                <td>
                  {c.self && c.actions.includes("request") ? (
                    <PostButton variant="secondary" fields={{ intent: "request", ratingId: c.self.id }}>
                      Ask supervisor to confirm<span className="nhsuk-u-visually-hidden"> {c.title}</span>
                    </PostButton>
                  ) : null}
                  {c.self && c.actions.includes("confirm") ? (
                    <Link to={`/people/${personId}/self-assessment/${c.self.id}`}>
                      Review rating<span className="nhsuk-u-visually-hidden"> of {c.title}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ))}
    </>
  );
}
