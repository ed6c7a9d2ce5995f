import { Link } from "~/components/kit/Link";
import { InsetText, PlainList } from "~/components/kit/Text";
import { SummaryList } from "~/components/SummaryList";
import { formatDate, formatInstantDate } from "~/domain/format";
import { EVIDENCE_TYPES } from "~/domain/vocabulary";

export interface EvidenceVersionView {
  version: number;
  title: string;
  activityDate: string;
  type: string;
  competencyIds: string[];
  attachments: { id: number; fileName: string; size: number }[];
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
  patientDataConfirmedAt: string | null;
  patientDataFindings: string[];
}

function formatBytes(size: number) {
  return size > 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(size / 1024))}KB`;
}

/** One version of a piece of evidence: its facts, files and the author's three reflections. */
export function EvidenceRecord({
  version,
  ownerId,
  competencyTitles,
  frameworkVersion,
}: {
  version: EvidenceVersionView;
  ownerId: number;
  competencyTitles: Record<string, string>;
  frameworkVersion: string;
}) {
  return (
    <>
      <SummaryList
        rows={[
          ["Date of the activity", formatDate(version.activityDate)],
          ["Type", EVIDENCE_TYPES[version.type as keyof typeof EVIDENCE_TYPES] ?? version.type],
          [
            "Competencies",
            <PlainList key="competencies">
              {version.competencyIds.map((c) => (
                <li key={c}>
                  <Link to={`/people/${ownerId}/competencies/${c}`}>{competencyTitles[c] ?? c}</Link>
                </li>
              ))}
            </PlainList>,
          ],
          [
            "Files",
            version.attachments.length ? (
              <PlainList key="files">
                {version.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/attachments/${a.id}`} download>
                      {a.fileName}
                    </a>{" "}
                    ({formatBytes(a.size)})
                  </li>
                ))}
              </PlainList>
            ) : (
              "None"
            ),
          ],
          ["Framework version", frameworkVersion],
        ]}
      />
      {version.patientDataConfirmedAt ? (
        <InsetText>
          <p>
            The author confirmed on {formatInstantDate(version.patientDataConfirmedAt)} that text flagged as possible
            patient data is not patient data: {version.patientDataFindings.join("; ")}.
          </p>
        </InsetText>
      ) : null}
      <h2 className="nhsuk-heading-m">What happened</h2>
      <p className="app-prewrap">{version.whatHappened}</p>
      <h2 className="nhsuk-heading-m">What I learned</h2>
      <p className="app-prewrap">{version.whatLearned}</p>
      <h2 className="nhsuk-heading-m">What I will do differently</h2>
      <p className="app-prewrap">{version.whatNext}</p>
    </>
  );
}
