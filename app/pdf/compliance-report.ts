/**
 * The PCN compliance report a lead takes to a governance meeting: the dashboard's figures, compliance with each
 * training requirement, and every member of staff's readiness and expiring training, dated. Pure layout.
 */
import type { Writable } from "node:stream";
import type { InductionStatus } from "~/domain/induction";
import type { SupervisionState } from "~/domain/supervision-cadence";
import type { TrainingState } from "~/domain/training-status";
import {
  inductionWords,
  READINESS_LABELS,
  SUPERVISION_STATE_LABELS,
  TRAINING_STATE_LABELS,
  TRAINING_STATES,
  type ReadinessState,
} from "~/domain/vocabulary";
import {
  bulletList,
  createDocument,
  dateTime,
  type Doc,
  fields,
  finish,
  gap,
  heading,
  longDate,
  paragraph,
  stampPages,
  table,
} from "./layout";

export interface ComplianceReportData {
  /** e.g. "Riverside Health PCN (U00042)", or "All PCNs". */
  scope: string;
  generatedAt: string;
  /** The calendar date the states are worked out for. */
  today: string;
  figures: { label: string; value: string }[];
  requirements: { title: string; required: number; counts: Record<TrainingState, number> }[];
  /** Each of the next 12 months: how many of each requirement lapse, and who (for one PCN only; else null). */
  forecast: ForecastMonthRow[];
  staff: ComplianceStaffRow[];
}

export interface ForecastMonthRow {
  /** "November 2026" */
  label: string;
  total: number;
  requirements: { title: string; count: number; people: { name: string; expiresOn: string }[] | null }[];
}

export interface ComplianceStaffRow {
  name: string;
  jobRole: string;
  readiness: ReadinessState;
  blockers: string[];
  awaitingVerification: string[];
  /** Required training that has expired or expires soon, soonest first. */
  expiries: { title: string; state: "expired" | "expiring-soon"; on: string }[];
  supervision: { state: SupervisionState; dueOn: string };
  signedOff: number;
  competencies: number;
  cpdHours: number;
  /** Their induction checklist's items done, of how many, and where it stands; null when they have none. */
  induction: { done: number; total: number; status: InductionStatus } | null;
}

/** Each state's share of the requirements table's width. */
const STATE_COLUMN_WIDTHS: Record<TrainingState, number> = {
  valid: 0.11,
  "expiring-soon": 0.12,
  "in-progress": 0.11,
  expired: 0.1,
  missing: 0.11,
};

function expiryText(row: ComplianceStaffRow): string {
  if (row.expiries.length === 0) return "None";
  return row.expiries
    .map((e) => `${e.title}: ${e.state === "expired" ? "expired" : "expires"} ${longDate(e.on)}`)
    .join("\n");
}

/** Where their induction stands and how far, in the dashboard's words. */
function inductionText(row: ComplianceStaffRow): string {
  const { state, progress } = inductionWords(row.induction);
  return progress ? `${state}\n${progress}` : state;
}

/** One row per month and requirement; a month with nothing lapsing says so. */
function forecastRows(forecast: readonly ForecastMonthRow[], withNames: boolean): string[][] {
  return forecast.flatMap((m) =>
    m.requirements.length === 0
      ? [[m.label, "Nothing lapses", "0", ...(withNames ? [""] : [])]]
      : m.requirements.map((r) => [
          m.label,
          r.title,
          String(r.count),
          ...(withNames ? [(r.people ?? []).map((p) => `${p.name} (${longDate(p.expiresOn)})`).join("\n")] : []),
        ]),
  );
}

function renderForecast(doc: Doc, forecast: readonly ForecastMonthRow[]) {
  if (forecast.length === 0) return;
  heading(doc, "Renewals due in the next 12 months", 2);
  paragraph(doc, "Required training that lapses each month unless it is renewed first, so courses can be booked.");
  const withNames = forecast.some((m) => m.requirements.some((r) => r.people !== null));
  table(
    doc,
    withNames
      ? [
          { header: "Month", width: 0.18 },
          { header: "Training", width: 0.34 },
          { header: "Staff", width: 0.08, align: "right" },
          { header: "Who (expiry date)", width: 0.4 },
        ]
      : [
          { header: "Month", width: 0.25 },
          { header: "Training", width: 0.6 },
          { header: "Staff", width: 0.15, align: "right" },
        ],
    forecastRows(forecast, withNames),
  );
}

export function renderComplianceReport(data: ComplianceReportData, out: Writable): Promise<void> {
  const title = `PCN compliance report: ${data.scope}`;
  const doc = createDocument({
    title,
    subject: "Training, readiness and supervision compliance",
    createdAt: new Date(data.generatedAt),
  });
  heading(doc, "PCN compliance report", 1);
  fields(doc, [
    ["Primary care network", data.scope],
    ["Position on", longDate(data.today)],
    ["Generated", dateTime(data.generatedAt)],
  ]);
  gap(doc);

  heading(doc, "Summary", 2);
  table(
    doc,
    [
      { header: "Measure", width: 0.75 },
      { header: "Number", width: 0.25, align: "right" },
    ],
    data.figures.map((f) => [f.label, f.value]),
  );

  heading(doc, "Required training by requirement", 2);
  if (data.requirements.length === 0) paragraph(doc, "No staff with required training.");
  else
    table(
      doc,
      [
        { header: "Requirement", width: 0.35 },
        { header: "Staff", width: 0.1, align: "right" },
        ...TRAINING_STATES.map((s) => ({
          header: TRAINING_STATE_LABELS[s],
          width: STATE_COLUMN_WIDTHS[s],
          align: "right" as const,
        })),
      ],
      data.requirements.map((r) => [r.title, String(r.required), ...TRAINING_STATES.map((s) => String(r.counts[s]))]),
    );

  renderForecast(doc, data.forecast);

  heading(doc, "Staff", 2);
  if (data.staff.length === 0) paragraph(doc, "No active staff with a job role.");
  else
    table(
      doc,
      [
        { header: "Name and role", width: 0.19 },
        { header: "Ready for referrals", width: 0.12 },
        { header: "Expired or expiring training", width: 0.24 },
        { header: "Supervision", width: 0.14 },
        { header: "Competencies signed off", width: 0.12, align: "right" },
        { header: "CPD hours", width: 0.08, align: "right" },
        { header: "Induction", width: 0.11 },
      ],
      data.staff.map((s) => [
        `${s.name}\n${s.jobRole}`,
        READINESS_LABELS[s.readiness],
        expiryText(s),
        s.supervision.state === "no-supervisor"
          ? SUPERVISION_STATE_LABELS[s.supervision.state]
          : `${SUPERVISION_STATE_LABELS[s.supervision.state]}, due ${longDate(s.supervision.dueOn)}`,
        `${s.signedOff} of ${s.competencies}`,
        String(s.cpdHours),
        inductionText(s),
      ]),
    );

  const notReady = data.staff.filter((s) => s.readiness !== "ready");
  if (notReady.length) {
    heading(doc, "What stops staff taking referrals", 2);
    for (const s of notReady) {
      heading(doc, `${s.name}: ${READINESS_LABELS[s.readiness].toLowerCase()}`, 3);
      if (s.readiness === "pending-verification") paragraph(doc, "Waiting for a supervisor or lead to verify:");
      bulletList(doc, s.readiness === "not-ready" ? s.blockers : s.awaitingVerification);
    }
  }
  stampPages(doc, `Care Portfolio · ${title}`, `Generated ${dateTime(data.generatedAt)}`);
  return finish(doc, out);
}
