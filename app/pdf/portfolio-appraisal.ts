/**
 * The portfolio's "Latest appraisal" section: date, appraiser, period, summary, objectives and both confirmations.
 * Drawn with the layout's primitives only, so it takes on whatever structure they give the document.
 */
import { APPRAISAL_STATUS_LABELS, type AppraisalStatus } from "~/domain/vocabulary";
import { dateTime, type Doc, fields, labelledText, longDate, paragraph, table } from "./layout";

export interface LatestAppraisal {
  heldOn: string;
  appraiser: string;
  period: { start: string; end: string };
  status: AppraisalStatus;
  summary: string;
  objectives: { title: string; targetDate: string }[];
  appraiserConfirmedAt: string | null;
  personConfirmedAt: string | null;
}

export function latestAppraisal(doc: Doc, appraisal: LatestAppraisal | null | undefined, personName: string) {
  if (!appraisal) {
    paragraph(doc, "No appraisal is recorded yet.");
    return;
  }
  fields(doc, [
    ["Date", longDate(appraisal.heldOn)],
    ["Appraiser", appraisal.appraiser],
    ["Period", `${longDate(appraisal.period.start)} to ${longDate(appraisal.period.end)}`],
    ["Status", APPRAISAL_STATUS_LABELS[appraisal.status]],
    [
      "Confirmed by the appraiser",
      appraisal.appraiserConfirmedAt ? dateTime(appraisal.appraiserConfirmedAt) : "Not yet",
    ],
    [`Confirmed by ${personName}`, appraisal.personConfirmedAt ? dateTime(appraisal.personConfirmedAt) : "Not yet"],
  ]);
  labelledText(doc, "Summary", appraisal.summary);
  if (appraisal.objectives.length === 0) {
    fields(doc, [["Objectives agreed", "None"]]);
    return;
  }
  table(
    doc,
    [
      { header: "Objective agreed", width: 0.7 },
      { header: "Target date", width: 0.3 },
    ],
    appraisal.objectives.map((o) => [o.title, longDate(o.targetDate)]),
  );
}
