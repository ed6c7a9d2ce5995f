/**
 * The portfolio a member of staff takes to their appraisal, laid out as an A4 PDF. Pure layout: it draws what
 * PortfolioData holds and gathers nothing itself (see app/services/portfolio-export.server.ts), so the benchmark and
 * tests can feed it made-up data.
 */
import type { Writable } from "node:stream";
import type { CompetencyStatus, EvidenceState } from "~/domain/evidence-workflow";
import type { TrainingRecordStatus, TrainingState } from "~/domain/training-status";
import {
  COMPETENCY_STATUS_LABELS,
  CPD_TYPES,
  EVIDENCE_STATUS_LABELS,
  EVIDENCE_TYPES,
  GOAL_STATUS_LABELS,
  MEETING_MODE_LABELS,
  MEETING_STATUS_LABELS,
  REVIEW_ACTION_LABELS,
  TRAINING_STATUS_LABELS,
  trainingStateLabel,
  type GoalStatus,
  type MeetingMode,
  type MeetingStatus,
  type ReadinessState,
  type ReviewAction,
} from "~/domain/vocabulary";
import {
  addContentsPage,
  bulletList,
  createDocument,
  dateTime,
  type Doc,
  ensureSpace,
  fields,
  finish,
  gap,
  heading,
  image,
  instantDate,
  label,
  labelledText,
  longDate,
  paragraph,
  rule,
  type Section,
  signatureBox,
  stackedBarChart,
  stampPages,
  startSection,
  table,
  writeContents,
} from "./layout";
import { inductionSection, type PortfolioInduction } from "./portfolio-induction";
import { latestAppraisal, type LatestAppraisal } from "./portfolio-appraisal";

export interface PortfolioData {
  person: { name: string; jobRole: string | null; pcn: string | null; supervisors: string[] };
  period: { label: string; start: string; end: string };
  /** e.g. "Personalised care competency framework, version 2025.1" */
  frameworkVersion: string;
  /** The instant the document was made (ISO 8601). */
  generatedAt: string;
  competencies: CompetencyArea[];
  selfAssessment: SelfAssessmentSummary;
  evidence: EvidenceEntry[];
  training: { readiness: ReadinessState; blockers: string[]; awaitingVerification: string[]; rows: TrainingRow[] };
  cpd: { totalsByType: CpdTotal[]; totalHours: number; entries: CpdEntry[] };
  supervision: { meetings: SupervisionMeeting[] };
  /** Their induction checklist; null when they have none, absent where the caller gathers none. */
  induction?: PortfolioInduction | null;
  /** Goals whose target date falls in the appraisal period, soonest first. */
  plan: { goals: PlanGoal[] };
  /** The person's latest appraisal; left out or null when none is recorded. */
  appraisal?: LatestAppraisal | null;
}

/** Each competency's latest self-rating and latest confirmed rating, as on the day the portfolio was made. */
export interface SelfAssessmentSummary {
  /** The proficiency scale's level titles, lowest first. */
  levels: string[];
  areas: {
    title: string;
    competencies: { title: string; self: RatedLevel | null; confirmed: RatedLevel | null }[];
  }[];
}

export interface RatedLevel {
  /** A title from `levels`. */
  level: string;
  /** When it was rated, or confirmed (ISO 8601). */
  at: string;
}

export interface PlanGoal {
  title: string;
  targetDate: string;
  status: GoalStatus;
  /** Why it was dropped or carried forward. */
  statusReason: string | null;
  agreedBy: string | null;
  agreedAt: string | null;
  competencies: string[];
}

export interface CompetencyArea {
  title: string;
  signedOff: number;
  total: number;
  competencies: {
    title: string;
    status: CompetencyStatus;
    evidenceCount: number;
    signedOffAt: string | null;
    signedOffBy: string | null;
  }[];
}

export interface EvidenceEntry {
  title: string;
  /** A key of EVIDENCE_TYPES; anything else is shown as it is. */
  type: string;
  activityDate: string;
  status: EvidenceState;
  version: number;
  competencies: string[];
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
  reviews: { at: string; action: ReviewAction; by: string; version: number; comment: string | null }[];
  attachments: EvidenceAttachment[];
}

export interface EvidenceAttachment {
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  /** Where a PNG or JPEG can be read to show it on the page; null for other files. */
  imagePath: string | null;
}

export interface TrainingRow {
  title: string;
  required: boolean;
  status: TrainingRecordStatus | null;
  completedOn: string | null;
  expiresOn: string | null;
  state: TrainingState;
  verified: boolean;
}

export interface CpdTotal {
  type: string;
  entries: number;
  hours: number;
}

export interface CpdEntry {
  activityDate: string;
  activity: string;
  type: string;
  hours: number;
  provider: string | null;
}

export interface SupervisionMeeting {
  metOn: string;
  supervisor: string;
  minutes: number;
  mode: MeetingMode;
  topics: string;
  actions: string;
  patientConcerns: boolean;
  safeguardingConcerns: boolean;
  /** Only confirmed meetings count towards supervision; the others are shown with their status. */
  status: MeetingStatus;
  disputeReason: string | null;
}

const labelFor = <T extends Record<string, string>>(labels: T, key: string) =>
  key in labels ? labels[key as keyof T] : key;
const hours = (n: number) => `${Number(n.toFixed(2))} ${n === 1 ? "hour" : "hours"}`;
const kilobytes = (bytes: number) =>
  bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;

function cover(doc: Doc, data: PortfolioData) {
  doc.y = 150;
  heading(doc, "Portfolio for appraisal", 1);
  paragraph(doc, data.person.name, { size: 22 });
  gap(doc, 1);
  fields(doc, [
    ["Role", data.person.jobRole ?? "Not recorded"],
    ["Primary care network", data.person.pcn ?? "Not recorded"],
    ["Designated supervisor", data.person.supervisors.join(", ") || "None recorded"],
    ["Appraisal period", `${data.period.label} (${longDate(data.period.start)} to ${longDate(data.period.end)})`],
    ["Generated", dateTime(data.generatedAt)],
    ["Competency framework", data.frameworkVersion],
  ]);
  gap(doc, 1.5);
  paragraph(
    doc,
    "This portfolio was produced by Care Portfolio from the records held on the date above. Evidence, CPD and supervision are those dated within the appraisal period; competency sign-offs and training show the position on the day it was generated.",
    { secondary: true },
  );
}

function competencies(doc: Doc, areas: readonly CompetencyArea[]) {
  const signed = areas.reduce((n, a) => n + a.signedOff, 0);
  const total = areas.reduce((n, a) => n + a.total, 0);
  paragraph(doc, `${signed} of ${total} competencies signed off.`);
  for (const area of areas) {
    heading(doc, `${area.title} (${area.signedOff} of ${area.total} signed off)`, 2);
    table(
      doc,
      [
        { header: "Competency", width: 0.38 },
        { header: "Status", width: 0.16 },
        { header: "Evidence", width: 0.12, align: "right" },
        { header: "Signed off", width: 0.16 },
        { header: "Signed off by", width: 0.18 },
      ],
      area.competencies.map((c) => [
        c.title,
        COMPETENCY_STATUS_LABELS[c.status],
        String(c.evidenceCount),
        c.signedOffAt ? instantDate(c.signedOffAt) : "—",
        c.signedOffBy ?? "—",
      ]),
    );
  }
}

/** How many of an area's competencies stand at each level ("Not rated" first), self-rated or confirmed. */
function levelCounts(
  levels: readonly string[],
  competencies: SelfAssessmentSummary["areas"][number]["competencies"],
  which: "self" | "confirmed",
): number[] {
  const rated = competencies.map((c) => c[which]?.level);
  return [
    rated.filter((l) => l === undefined).length,
    ...levels.map((level) => rated.filter((l) => l === level).length),
  ];
}

const ratedText = (rated: RatedLevel | null) => (rated ? `${rated.level} (${instantDate(rated.at)})` : "—");

function selfAssessment(doc: Doc, data: SelfAssessmentSummary) {
  const all = data.areas.flatMap((a) => a.competencies);
  const selfRated = all.filter((c) => c.self).length;
  const confirmed = all.filter((c) => c.confirmed).length;
  paragraph(
    doc,
    `${selfRated} of ${all.length} competencies self-rated, ${confirmed} confirmed by a supervisor. Each competency shows its latest self-rating and the latest rating a supervisor confirmed, side by side and never combined, as on the day this portfolio was generated.`,
  );
  if (selfRated === 0) return;
  const keys = ["Not rated", ...data.levels];
  const rows = data.areas.flatMap((area) =>
    (["self", "confirmed"] as const).map((which) => ({
      area: area.title,
      rating: which === "self" ? "Self-rated" : "Confirmed",
      counts: levelCounts(data.levels, area.competencies, which),
    })),
  );
  const describe = (counts: number[]) =>
    counts.flatMap((n, i) => (n ? [`${n} ${keys[i]!.toLowerCase()}`] : [])).join(", ") || "none";
  stackedBarChart(doc, {
    alt: `Bar chart of how many competencies in each area stand at each level, self-rated and confirmed. ${data.areas
      .map(
        (area, i) =>
          `${area.title}: self-rated ${describe(rows[2 * i]!.counts)}; confirmed ${describe(rows[2 * i + 1]!.counts)}.`,
      )
      .join(" ")}`,
    keys,
    bars: rows.map((r) => ({ label: `${r.area}: ${r.rating.toLowerCase()}`, values: r.counts })),
  });
  // Wide enough for "Developing" on one line with the scale's four levels.
  const countWidth = 0.68 / keys.length;
  table(
    doc,
    [
      { header: "Area", width: 0.2 },
      { header: "Rating", width: 0.12 },
      ...keys.map((key) => ({ header: key, width: countWidth, align: "right" as const })),
    ],
    rows.map((r) => [r.area, r.rating, ...r.counts.map(String)]),
  );
  for (const area of data.areas) {
    heading(doc, area.title, 2);
    table(
      doc,
      [
        { header: "Competency", width: 0.46 },
        { header: "Self-rated", width: 0.27 },
        { header: "Confirmed by supervisor", width: 0.27 },
      ],
      area.competencies.map((c) => [c.title, ratedText(c.self), ratedText(c.confirmed)]),
    );
  }
}

function goalStatusText(goal: PlanGoal): string {
  const status = GOAL_STATUS_LABELS[goal.status];
  return goal.statusReason ? `${status}: ${goal.statusReason}` : status;
}

function plan(doc: Doc, goals: readonly PlanGoal[]) {
  if (goals.length === 0) {
    paragraph(doc, "No goals in the personal development plan have a target date in this appraisal period.");
    return;
  }
  const byStatus = Object.entries(GOAL_STATUS_LABELS).flatMap(([status, label]) => {
    const n = goals.filter((g) => g.status === status).length;
    return n ? [`${n} ${label.toLowerCase()}`] : [];
  });
  paragraph(
    doc,
    `${goals.length} ${goals.length === 1 ? "goal has" : "goals have"} a target date in the appraisal period: ${byStatus.join(", ")}.`,
  );
  table(
    doc,
    [
      { header: "Goal", width: 0.38 },
      { header: "Target date", width: 0.16 },
      { header: "Status", width: 0.22 },
      { header: "Agreed with supervisor", width: 0.24 },
    ],
    goals.map((g) => [
      g.competencies.length ? `${g.title}\nCompetencies: ${g.competencies.join("; ")}` : g.title,
      longDate(g.targetDate),
      goalStatusText(g),
      g.agreedAt ? `Agreed by ${g.agreedBy ?? "a supervisor"} on ${instantDate(g.agreedAt)}` : "Not yet agreed",
    ]),
  );
}

function evidenceItem(doc: Doc, item: EvidenceEntry, index: number) {
  heading(doc, `${index + 1}. ${item.title}`, 2);
  paragraph(
    doc,
    `${labelFor(EVIDENCE_TYPES, item.type)} · ${longDate(item.activityDate)} · ${EVIDENCE_STATUS_LABELS[item.status]}, version ${item.version}`,
    { secondary: true },
  );
  fields(doc, [["Competencies", item.competencies.join("; ") || "None linked"]]);
  gap(doc, 0.3);
  labelledText(doc, "What happened", item.whatHappened);
  labelledText(doc, "What I learned", item.whatLearned);
  labelledText(doc, "What I will do differently", item.whatNext);
  const reviews = item.reviews.map((r) => {
    const line = `${dateTime(r.at)}: ${REVIEW_ACTION_LABELS[r.action]} by ${r.by} (version ${r.version})`;
    return r.comment ? `${line}. Comment: ${r.comment}` : line;
  });
  labelledText(doc, "Review history", reviews.join("\n") || "Not reviewed yet.");
  if (item.attachments.length === 0) fields(doc, [["Attachments", "None"]]);
  else label(doc, "Attachments");
  for (const file of item.attachments) {
    fields(doc, [[file.fileName, `${file.mime}, ${kilobytes(file.size)}`]]);
    paragraph(doc, `SHA-256: ${file.sha256}`, { secondary: true, size: 8 });
    if (file.imagePath && !image(doc, file.imagePath, `Picture attached to this evidence: ${file.fileName}`))
      paragraph(doc, "The image could not be shown.", { secondary: true });
  }
  rule(doc);
}

function evidence(doc: Doc, items: readonly EvidenceEntry[]) {
  if (items.length === 0) {
    paragraph(doc, "No evidence is dated within this appraisal period.");
    return;
  }
  paragraph(
    doc,
    `${items.length} ${items.length === 1 ? "item" : "items"} of evidence dated within the appraisal period.`,
  );
  items.forEach((item, i) => evidenceItem(doc, item, i));
}

const READINESS_SENTENCES: Record<ReadinessState, string> = {
  ready: "Ready to take referrals: all training required before referrals is in place, verified where it must be.",
  "pending-verification":
    "Ready pending verification: can take referrals once a supervisor or lead has verified the records of:",
  "not-ready": "Not ready to take referrals yet:",
};

function training(doc: Doc, data: PortfolioData["training"]) {
  paragraph(doc, READINESS_SENTENCES[data.readiness]);
  bulletList(doc, data.readiness === "pending-verification" ? data.awaitingVerification : data.blockers);
  gap(doc, 0.4);
  if (data.rows.length === 0) {
    paragraph(doc, "No training is recorded or required for this role.");
    return;
  }
  table(
    doc,
    [
      { header: "Training", width: 0.21 },
      { header: "Required", width: 0.15 },
      { header: "Status", width: 0.12 },
      { header: "Completed", width: 0.13 },
      { header: "Expires", width: 0.13 },
      { header: "State", width: 0.16 },
      // Wide enough for "Verified" in bold on one line (37 pt of the 40 pt left inside its padding).
      { header: "Verified", width: 0.1 },
    ],
    data.rows.map((r) => [
      r.title,
      r.required ? "Required" : "Recommended",
      r.status ? TRAINING_STATUS_LABELS[r.status] : "Not started",
      longDate(r.completedOn),
      r.expiresOn ? longDate(r.expiresOn) : r.completedOn ? "Does not expire" : "—",
      trainingStateLabel(r.state, r.required),
      r.verified ? "Yes" : "No",
    ]),
  );
}

function cpd(doc: Doc, data: PortfolioData["cpd"]) {
  const count = data.entries.length;
  paragraph(
    doc,
    `${hours(data.totalHours)} of CPD from ${count} ${count === 1 ? "activity" : "activities"} in the appraisal period.`,
  );
  if (count === 0) return;
  heading(doc, "Hours by type", 2);
  table(
    doc,
    [
      { header: "Type", width: 0.5 },
      { header: "Activities", width: 0.25, align: "right" },
      { header: "Hours", width: 0.25, align: "right" },
    ],
    [
      ...data.totalsByType.map((t) => [
        labelFor(CPD_TYPES, t.type),
        String(t.entries),
        String(Number(t.hours.toFixed(2))),
      ]),
      ["Total", String(count), String(Number(data.totalHours.toFixed(2)))],
    ],
  );
  heading(doc, "All CPD activities", 2);
  table(
    doc,
    [
      { header: "Date", width: 0.17 },
      { header: "Activity", width: 0.45 },
      { header: "Type", width: 0.26 },
      { header: "Hours", width: 0.12, align: "right" },
    ],
    data.entries.map((e) => [
      longDate(e.activityDate),
      e.provider ? `${e.activity} (${e.provider})` : e.activity,
      labelFor(CPD_TYPES, e.type),
      String(e.hours),
    ]),
  );
}

function supervision(doc: Doc, meetings: readonly SupervisionMeeting[]) {
  const minutes = meetings.reduce((n, m) => n + m.minutes, 0);
  if (meetings.length === 0) {
    paragraph(doc, "No supervision meetings are recorded in this appraisal period.");
    return;
  }
  const confirmed = meetings.filter((m) => m.status === "confirmed").length;
  paragraph(
    doc,
    `${meetings.length} ${meetings.length === 1 ? "meeting" : "meetings"} recorded (${confirmed} confirmed), ${hours(minutes / 60)} in total.`,
  );
  for (const m of meetings) {
    ensureSpace(doc, 90);
    heading(doc, `${longDate(m.metOn)} with ${m.supervisor}`, 2);
    fields(doc, [
      [
        "Status",
        m.disputeReason ? `${MEETING_STATUS_LABELS[m.status]}: ${m.disputeReason}` : MEETING_STATUS_LABELS[m.status],
      ],
      ["Length and format", `${m.minutes} minutes, ${MEETING_MODE_LABELS[m.mode].toLowerCase()}`],
      [
        "Concerns raised",
        [m.patientConcerns ? "patient care" : null, m.safeguardingConcerns ? "safeguarding" : null]
          .filter(Boolean)
          .join(" and ") || "None",
      ],
    ]);
    labelledText(doc, "Topics discussed", m.topics);
    labelledText(doc, "Agreed actions", m.actions);
  }
}

function declaration(doc: Doc, data: PortfolioData) {
  paragraph(
    doc,
    `I confirm that this portfolio is an accurate record of my practice, learning and development for the appraisal period ${data.period.label}, and that it contains no information that could identify a patient.`,
  );
  gap(doc, 0.6);
  signatureBox(doc, `Member of staff: ${data.person.name}`);
  paragraph(
    doc,
    "I confirm that I have reviewed this portfolio with the member of staff named above as part of their appraisal.",
  );
  gap(doc, 0.6);
  signatureBox(doc, "Appraiser");
}

/** Lays out the whole portfolio and writes it to `out`. */
export function renderPortfolio(data: PortfolioData, out: Writable): Promise<void> {
  const doc = createDocument({
    title: `Portfolio for appraisal ${data.period.label}: ${data.person.name}`,
    subject: "Competency and CPD portfolio",
    createdAt: new Date(data.generatedAt),
  });
  cover(doc, data);
  const contents = addContentsPage(doc);
  const sections: Section[] = [];
  startSection(doc, sections, "Competency summary");
  competencies(doc, data.competencies);
  startSection(doc, sections, "Self-assessment");
  selfAssessment(doc, data.selfAssessment);
  startSection(doc, sections, "Evidence");
  evidence(doc, data.evidence);
  startSection(doc, sections, "Training compliance");
  training(doc, data.training);
  startSection(doc, sections, "Continuing professional development (CPD)");
  cpd(doc, data.cpd);
  startSection(doc, sections, "Supervision record");
  supervision(doc, data.supervision.meetings);
  if (data.induction !== undefined) {
    startSection(doc, sections, "Induction");
    inductionSection(doc, data.induction);
  }
  startSection(doc, sections, "Personal development plan");
  plan(doc, data.plan.goals);
  startSection(doc, sections, "Latest appraisal");
  latestAppraisal(doc, data.appraisal, data.person.name);
  startSection(doc, sections, "Declaration");
  declaration(doc, data);
  writeContents(doc, contents, sections);
  stampPages(
    doc,
    `Care Portfolio · Portfolio for appraisal ${data.period.label} · ${data.person.name}`,
    `Generated ${dateTime(data.generatedAt)}`,
  );
  return finish(doc, out);
}
