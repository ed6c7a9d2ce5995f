import { Link } from "~/components/kit/Link";
import type { Matrix } from "~/domain/competency-matrix";
import { Column, Row } from "./kit/Grid";
import { ProgressBar } from "./ProgressBar";
import { CompetencyStatusTag } from "./StatusTag";
import { formatDate, formatInstantDate } from "~/domain/format";

/** The four areas, each competency with its status, evidence count and last activity. */
export function CompetencyMatrix({ matrix, personId }: { matrix: Matrix; personId: number }) {
  return (
    <>
      <Row>
        {matrix.map((area) => (
          <Column width="one-quarter" key={area.id}>
            <ProgressBar label={area.title} value={area.signedOff} total={area.total} />
          </Column>
        ))}
      </Row>
      {matrix.map((area) => (
        <table className="nhsuk-table-responsive app-matrix" key={area.id}>
          <caption className="nhsuk-table__caption">{area.title}</caption>
          <thead className="nhsuk-table__head" role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                Competency
              </th>
              <th scope="col" role="columnheader">
                Status
              </th>
              <th scope="col" role="columnheader">
                Evidence
              </th>
              <th scope="col" role="columnheader">
                Last activity
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {area.competencies.map((c) => (
              <tr role="row" className="nhsuk-table__row" key={c.id} data-competency={c.id}>
                <td role="cell" className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Competency{" "}
                  </span>
                  <Link to={`/people/${personId}/competencies/${c.id}`}>{c.title}</Link>
                </td>
                <td role="cell" className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Status{" "}
                  </span>
                  <CompetencyStatusTag status={c.status} />
                  {c.signedOffAt ? (
                    <span className="nhsuk-body-s">
                      {" "}
                      {formatInstantDate(c.signedOffAt)} by {c.signedOffBy}
                    </span>
                  ) : null}
                </td>
                <td role="cell" className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Evidence{" "}
                  </span>
                  {c.evidenceCount} ({c.acceptedCount} accepted)
                </td>
                <td role="cell" className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Last activity{" "}
                  </span>
                  {c.lastActivity ? formatDate(c.lastActivity) : "None"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
