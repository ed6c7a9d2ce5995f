/**
 * One vocabulary: a state reads the same on the page, in the dashboard CSV and in both PDFs, and every audit action
 * has words of its own.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ReadinessTag } from "~/components/ReadinessPanel";
import { MeetingStatusTag, SupervisionStatusTag } from "~/components/SupervisionStatusTag";
import { TrainingStateTag } from "~/components/TrainingStateTag";
import { StateTag } from "~/components/kit/Tag";
import type { InductionStatus } from "~/domain/induction";
import { auditSentence, type AuditLookup, type AuditRow } from "~/domain/audit-words";
import type { SupervisionState } from "~/domain/supervision-cadence";
import type { TrainingState } from "~/domain/training-status";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type MeetingStatus, type ReadinessState } from "~/domain/vocabulary";
import type { DashboardRow } from "~/models/dashboard.server";
import { renderComplianceReport, type ComplianceStaffRow } from "~/pdf/compliance-report";
import { renderPortfolio } from "~/pdf/portfolio-document";
import { dashboardCsv } from "~/services/dashboard-csv.server";
import { renderToText } from "../fixtures/pdf/extract";
import { samplePortfolio } from "../../scripts/lib/sample-portfolio";

const TRAINING: TrainingState[] = ["valid", "expiring-soon", "in-progress", "expired", "missing"];
const SUPERVISION: SupervisionState[] = ["ok", "due-soon", "overdue", "no-supervisor"];
const READINESS: ReadinessState[] = ["ready", "pending-verification", "not-ready"];
const MEETINGS: MeetingStatus[] = ["pending", "confirmed", "disputed"];
const INDUCTION: InductionStatus[] = ["complete", "in-progress", "due-soon", "overdue"];

/** What a tag says on the page. */
const onScreen = (element: ReactElement) => renderToStaticMarkup(element).replace(/<[^>]+>/g, "");
const trainingTag = (state: TrainingState, required = true) =>
  onScreen(createElement(TrainingStateTag, { state, required }));
const supervisionTag = (state: SupervisionState) =>
  onScreen(createElement(SupervisionStatusTag, { status: { state, dueOn: "2026-12-01", daysOverdue: 0 } }));
const readinessTag = (state: ReadinessState) => onScreen(createElement(ReadinessTag, { state }));
const meetingTag = (status: MeetingStatus) => onScreen(createElement(MeetingStatusTag, { status }));
/** The dashboard's induction cell shows this tag, then "3 of 10 done"; "No checklist" for someone with none. */
const inductionTag = (state: InductionStatus) => onScreen(createElement(StateTag, { kind: "induction", state }));

const counts = { valid: 1, "expiring-soon": 2, "in-progress": 3, expired: 4, missing: 5 };

type Induction = DashboardRow["induction"];
const inductionAt = (status: InductionStatus): Induction => ({ done: 3, total: 10, status });

function dashboardRow(
  n: number,
  state: ReadinessState,
  supervision: SupervisionState,
  induction: Induction = null,
): DashboardRow {
  return {
    id: n,
    name: `Person ${n}`,
    pcnName: "Riverside Health PCN",
    jobRole: "care-coordinator",
    jobRoleTitle: "Care coordinator",
    state,
    blockers: [],
    awaitingVerification: [],
    training: counts,
    expiries: [],
    verification: { verified: 0, recorded: 0 },
    supervision: { state: supervision, dueOn: "2026-12-01", daysOverdue: 0 },
    signedOff: 0,
    competencies: 12,
    cpdHours: 0,
    induction,
  };
}

function staffRow(
  n: number,
  readiness: ReadinessState,
  supervision: SupervisionState,
  induction: Induction = null,
): ComplianceStaffRow {
  return {
    name: `Person ${n}`,
    jobRole: "Care coordinator",
    readiness,
    blockers: [],
    awaitingVerification: [],
    expiries: [],
    supervision: { state: supervision, dueOn: "2026-12-01" },
    signedOff: 0,
    competencies: 12,
    cpdHours: 0,
    induction,
  };
}

describe("a state reads the same on the page, in the CSV and in the PDFs", () => {
  let csvLines: string[];
  let report: string;
  let portfolio: string;

  beforeAll(async () => {
    // One person per supervision state, one per readiness state and one per induction state (the last has none).
    const people: { n: number; readiness: ReadinessState; supervision: SupervisionState; induction?: Induction }[] = [
      ...SUPERVISION.map((s, i) => ({ n: i, readiness: "ready" as const, supervision: s })),
      ...READINESS.map((r, i) => ({ n: 10 + i, readiness: r, supervision: "ok" as const })),
      ...INDUCTION.map((s, i) => ({
        n: 20 + i,
        readiness: "ready" as const,
        supervision: "ok" as const,
        induction: inductionAt(s),
      })),
      { n: 29, readiness: "ready", supervision: "ok", induction: null },
    ];
    csvLines = dashboardCsv(
      people.map((p) => dashboardRow(p.n, p.readiness, p.supervision, p.induction)),
      "2026/27",
    ).split("\r\n");
    report = (
      await renderToText((out) =>
        renderComplianceReport(
          {
            scope: "Riverside Health PCN",
            generatedAt: "2026-11-25T09:30:00.000Z",
            today: "2026-11-25",
            figures: [],
            requirements: [{ title: "Safeguarding adults level 2", required: 15, counts }],
            forecast: [],
            staff: people.map((p) => staffRow(p.n, p.readiness, p.supervision, p.induction)),
          },
          out,
        ),
      )
    ).pages.join(" ");

    const data = samplePortfolio({ evidence: 0, cpd: 0 });
    data.training.rows = [
      ...TRAINING.map((state) => ({ title: `Course ${state}`, required: true, state })),
      { title: "Course recommended", required: false, state: "missing" as const },
    ].map((row) => ({ ...row, status: null, completedOn: null, expiresOn: null, verified: false }));
    data.supervision.meetings = MEETINGS.map((status, i) => ({
      ...data.supervision.meetings[0]!,
      metOn: `2026-0${i + 5}-01`,
      status,
    }));
    portfolio = (await renderToText((out) => renderPortfolio(data, out))).pages.join(" ");
  });

  it.each(TRAINING)("training %s", (state) => {
    const words = trainingTag(state);
    expect(csvLines[0]!.split(",")).toContain(`Training ${words.toLowerCase()}`);
    expect(report).toContain(`Requirement Staff ${TRAINING.map((s) => trainingTag(s)).join(" ")}`);
    expect(portfolio).toContain(`Course ${state} Required Not started — — ${words} No`);
  });

  it("recommended training nobody has done reads 'Recommended' on the page and in the portfolio", () => {
    expect(trainingTag("missing", false)).toBe("Recommended");
    expect(portfolio).toContain("Course recommended Recommended Not started — — Recommended No");
  });

  it.each(SUPERVISION.map((s, i) => [s, i] as const))("supervision %s", (state, n) => {
    const words = supervisionTag(state);
    expect(csvLines.find((l) => l.startsWith(`Person ${n},`))!.split(",")).toContain(words);
    expect(report).toContain(`Person ${n} Care coordinator Ready None ${words}`);
  });

  it.each(READINESS.map((r, i) => [r, 10 + i] as const))("readiness %s", (state, n) => {
    const words = readinessTag(state);
    expect(csvLines.find((l) => l.startsWith(`Person ${n},`))!.split(",")[3]).toBe(words);
    expect(report).toContain(`Person ${n} Care coordinator ${words} None`);
  });

  it.each(INDUCTION.map((s, i) => [s, 20 + i] as const))("induction %s", (state, n) => {
    const words = inductionTag(state);
    expect(csvLines[0]!.split(",").slice(-3)).toEqual(["Induction", "Induction items done", "Induction items"]);
    expect(
      csvLines
        .find((l) => l.startsWith(`Person ${n},`))!
        .split(",")
        .slice(-3),
    ).toEqual([words, "3", "10"]);
    expect(report).toMatch(new RegExp(`Person ${n} Care coordinator Ready None .*? 0 of 12 0 ${words} 3 of 10 done`));
  });

  it("no induction checklist reads 'No checklist', as on the dashboard", () => {
    expect(
      csvLines
        .find((l) => l.startsWith("Person 29,"))!
        .split(",")
        .slice(-3),
    ).toEqual(["No checklist", "", ""]);
    expect(report).toMatch(/Person 29 Care coordinator Ready None .*? 0 of 12 0 No checklist/);
  });

  it.each(MEETINGS)("supervision meeting %s", (status) => {
    expect(portfolio).toContain(`Status: ${meetingTag(status)} Length and format`);
  });
});

describe("every audit action has words of its own", () => {
  const lookup: AuditLookup = {
    person: () => undefined,
    pcn: () => undefined,
    file: () => undefined,
    requirement: () => "PCI course",
    competency: () => "Uses a personalised care approach",
    jobRole: () => undefined,
    appRole: () => undefined,
  };
  const row = (entity: AuditRow["entity"], action: string): AuditRow => ({
    actorId: 1,
    actorName: "Priya Shah",
    entity,
    action,
    subjectId: 2,
    subjectName: "Jack Thompson",
    recordKey: entity === "supervision_arrangement" ? "supervisor:Grace Okafor" : "2026-03-07",
    before: null,
    after: null,
  });
  const pairs = AUDIT_ENTITIES.flatMap((entity) => AUDIT_ACTIONS[entity].map((action) => [entity, action] as const));

  it.each(pairs)("%s %s", (entity, action) => {
    // What the trail would say for an action it has no words for, with this action's code in it.
    const fallback = auditSentence(row(entity, "unknown-code"), lookup).replace(
      "unknown code",
      action.replace(/-/g, " "),
    );
    const sentence = auditSentence(row(entity, action), lookup);
    expect(sentence).not.toBe(fallback);
    expect(sentence).toMatch(/^Priya Shah |^Jack Thompson /);
  });

  it("the password reset, the personal data download and both purges read as plain sentences", () => {
    expect(auditSentence(row("user", "reset-two-factor"), lookup)).toBe(
      "Priya Shah reset two-step sign-in for Jack Thompson",
    );
    expect(auditSentence(row("user", "export-personal-data"), lookup)).toBe(
      "Priya Shah downloaded Jack Thompson’s personal data",
    );
    expect(auditSentence(row("user", "purge"), lookup)).toBe(
      "Priya Shah deleted Jack Thompson’s records after their retention period",
    );
    expect(
      auditSentence(
        { ...row("retention", "purge"), actorId: null, actorName: null, subjectId: null, subjectName: null },
        lookup,
      ),
    ).toBe(
      "The system deleted failed sign-ins, ended sessions and unlinked uploads older than their retention periods",
    );
  });
});
