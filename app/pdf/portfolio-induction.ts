/**
 * The portfolio's "Induction" section (ADR 0020): where the checklist stands and each item with the date it was
 * done and who ticked it. Drawn with layout.ts's primitives only, so it gains their document structure.
 */
import type { InductionStatus } from "~/domain/induction";
import { INDUCTION_STATUS_LABELS } from "~/domain/vocabulary";
import { type Doc, fields, longDate, paragraph, table } from "./layout";

export interface PortfolioInduction {
  setting: string;
  status: InductionStatus;
  startsOn: string;
  dueOn: string;
  done: number;
  total: number;
  items: { title: string; doneOn: string | null; doneBy: string | null }[];
}

export function inductionSection(doc: Doc, induction: PortfolioInduction | null) {
  if (!induction) {
    paragraph(doc, "No induction checklist is recorded.");
    return;
  }
  fields(doc, [
    ["Setting", induction.setting],
    ["Status", INDUCTION_STATUS_LABELS[induction.status]],
    ["Items done", `${induction.done} of ${induction.total}`],
    ["Started", longDate(induction.startsOn)],
    ["Due by", longDate(induction.dueOn)],
  ]);
  table(
    doc,
    [
      { header: "Item", width: 0.55 },
      { header: "Done on", width: 0.2 },
      { header: "Ticked by", width: 0.25 },
    ],
    induction.items.map((item) => [
      item.title,
      item.doneOn ? longDate(item.doneOn) : "Not yet",
      item.doneOn ? (item.doneBy ?? "A former user") : "",
    ]),
  );
}
