/**
 * Gathers one person's portfolio for an appraisal year into the plain PortfolioData the PDF layout draws, reading
 * through the existing models only.
 */
import { getContent, jobRoleTitle } from "~/content/index.server";
import { appraisalYear, type AppraisalYear } from "~/domain/appraisal-year";
import { currentRatings } from "~/domain/self-assessment";
import { todayInLondon } from "~/domain/training-status";
import type { EvidenceAttachment, EvidenceEntry, PlanGoal, PortfolioData } from "~/pdf/portfolio-document";
import { cpdTotals, readinessOf, requirementStandings } from "~/content/compliance-rules.server";
import { env } from "~/lib/env.server";
import { competencyTitles, frameworkOutline } from "~/content/framework.server";
import { latestAppraisal } from "~/models/appraisals.server";
import { attachmentPath } from "~/models/attachment.server";
import type { Executor } from "~/models/audit.server";
import { listCpdEntries } from "~/models/cpd.server";
import { listEvidence, type EvidenceView } from "~/models/evidence.server";
import { goalsWithCompetencies } from "~/models/goals.server";
import { competencyMatrix, shownEvidence } from "~/models/portfolio.server";
import { ratingsOf } from "~/models/ratings.server";
import { designatedSupervisors, listMeetings } from "~/models/supervision.server";
import { trainingRecordsOf } from "~/models/training.server";
import { getPerson } from "~/models/user.server";
import { inductionOfPortfolio } from "./induction.server";

// Reads every row in one page: a year's portfolio is hundreds of items at most, and the PDF needs them all.
const ALL = { page: 1, pageSize: 1_000_000 } as const;
const SHOWN_IMAGES = new Set(["image/png", "image/jpeg"]);

export function currentAppraisalYear(today: string): AppraisalYear {
  return appraisalYear(today, env().APPRAISAL_YEAR_START_MONTH);
}

/** The appraisal years offered for export, newest first: this one and the five before (a revalidation cycle). */
export function recentAppraisalYears(today: string): string[] {
  const current = currentAppraisalYear(today);
  const startYear = Number(current.start.slice(0, 4));
  return Array.from(
    { length: 6 },
    (_, back) => appraisalYear(`${startYear - back}-${current.start.slice(5)}`, env().APPRAISAL_YEAR_START_MONTH).label,
  );
}

/** `portfolio-sian-ni-bhriain-2026-27.pdf`: ASCII only, so every browser and file system keeps it as it is. */
export function portfolioFileName(name: string, period: AppraisalYear, personId: number): string {
  return `portfolio-${slug(name) || `person-${personId}`}-${slug(period.label)}.pdf`;
}

export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const inPeriod = (date: string, period: AppraisalYear) => date >= period.start && date <= period.end;

/** Every item of the year in a constant number of queries: the list, then the shown versions' text, files and reviews. */
async function gatherEvidence(
  db: Executor,
  personId: number,
  period: AppraisalYear,
  view: EvidenceView,
): Promise<EvidenceEntry[]> {
  const { items } = await listEvidence(db, personId, { from: period.start, to: period.end, ...ALL }, view);
  // The version the list shows: once accepted, the accepted text goes to appraisal, even while a later amendment
  // is being written; and nobody but the owner sees a draft.
  const shown = await shownEvidence(db, items);
  const titles = competencyTitles();
  const dataDir = env().DATA_DIR;
  // Oldest first, so the evidence reads as the year went.
  return [...items].reverse().flatMap((listed): EvidenceEntry[] => {
    const version = shown.get(listed.id);
    if (!version) return [];
    return [
      {
        ...version,
        status: listed.status,
        competencies: listed.competencyIds.map((id) => titles[id] ?? id),
        attachments: version.attachments.map((a): EvidenceAttachment => ({
          ...a,
          imagePath: SHOWN_IMAGES.has(a.mime) ? attachmentPath(dataDir, a.sha256) : null,
        })),
      },
    ];
  });
}

async function gatherTraining(
  db: Executor,
  person: { id: number; jobRole: string | null },
  today: string,
): Promise<PortfolioData["training"]> {
  const records = await trainingRecordsOf(db, [person.id]);
  const { state, blockers, awaitingVerification } = readinessOf(person.jobRole, records, today);
  const rows = requirementStandings(person.jobRole, records, today).map((s) => ({
    title: s.requirement.title,
    required: s.required,
    status: s.record?.status ?? null,
    completedOn: s.record?.completedOn ?? null,
    expiresOn: s.expiresOn,
    state: s.state,
    verified: Boolean(s.record?.verifiedAt),
  }));
  return { readiness: state, blockers, awaitingVerification, rows };
}

async function gatherCpd(db: Executor, personId: number, period: AppraisalYear): Promise<PortfolioData["cpd"]> {
  const { entries } = await listCpdEntries(db, personId, { range: { from: period.start, to: period.end }, ...ALL });
  const totals = cpdTotals(entries, period);
  const count = (type: string) => entries.filter((e) => e.type === type).length;
  return {
    totalsByType: totals.byType
      .map((t) => ({ type: t.type, entries: count(t.type), hours: t.hours }))
      .filter((t) => t.entries > 0),
    totalHours: totals.yearTotal,
    entries: [...entries].reverse().map((e) => ({
      activityDate: e.activityDate,
      activity: e.activity,
      type: e.type,
      hours: e.hours,
      provider: e.provider,
    })),
  };
}

async function gatherAppraisal(db: Executor, personId: number): Promise<PortfolioData["appraisal"]> {
  const latest = await latestAppraisal(db, personId);
  return latest
    ? {
        heldOn: latest.heldOn,
        appraiser: latest.appraiserName,
        period: { start: latest.periodStart, end: latest.periodEnd },
        status: latest.status,
        summary: latest.summary,
        objectives: latest.objectives,
        appraiserConfirmedAt: latest.appraiserConfirmedAt,
        personConfirmedAt: latest.personConfirmedAt,
      }
    : null;
}

async function gatherSupervision(
  db: Executor,
  personId: number,
  period: AppraisalYear,
): Promise<PortfolioData["supervision"]> {
  const { meetings } = await listMeetings(db, personId, ALL);
  return {
    meetings: meetings
      .filter((m) => inPeriod(m.metOn, period))
      .reverse()
      .map((m) => ({
        metOn: m.metOn,
        supervisor: m.supervisorName,
        minutes: m.minutes,
        mode: m.mode,
        topics: m.topics,
        actions: m.actions,
        patientConcerns: m.patientConcerns,
        safeguardingConcerns: m.safeguardingConcerns,
        status: m.status,
        disputeReason: m.disputeReason,
      })),
  };
}

/** Each competency's latest self-rating and confirmed rating, from one query of every rating the person made. */
async function gatherSelfAssessment(db: Executor, personId: number): Promise<PortfolioData["selfAssessment"]> {
  const current = currentRatings(await ratingsOf(db, personId));
  const levels = getContent().proficiencyScale.levels;
  const levelTitle = (id: string) => levels.find((l) => l.id === id)?.title ?? id;
  return {
    levels: levels.map((l) => l.title),
    areas: frameworkOutline().map((area) => ({
      title: area.title,
      competencies: area.competencies.map((c) => {
        const { self, confirmed } = current.get(c.id) ?? { self: null, confirmed: null };
        return {
          title: c.title,
          self: self && { level: levelTitle(self.level), at: self.ratedAt },
          confirmed: confirmed && { level: levelTitle(confirmed.level), at: confirmed.decidedAt ?? confirmed.ratedAt },
        };
      }),
    })),
  };
}

/** The goals whose target date falls in the year (a goal belongs to that year's plan, ADR 0018). */
async function gatherPlan(db: Executor, personId: number, period: AppraisalYear): Promise<PortfolioData["plan"]> {
  const titles = competencyTitles();
  const goals = await goalsWithCompetencies(db, personId, { from: period.start, to: period.end });
  return {
    goals: goals.map((g): PlanGoal => ({
      title: g.title,
      targetDate: g.targetDate,
      status: g.status,
      statusReason: g.statusReason,
      agreedBy: g.agreedByName,
      agreedAt: g.agreedAt,
      competencies: g.competencyIds.map((id) => titles[id] ?? id),
    })),
  };
}

/**
 * Everything the appraisal PDF shows for one person and year, as `view` may see their evidence (only the owner's
 * own copy includes unsubmitted drafts); null when the person does not exist.
 */
export async function gatherPortfolio(
  db: Executor,
  personId: number,
  period: AppraisalYear,
  view: EvidenceView,
  now = new Date(),
): Promise<PortfolioData | null> {
  const person = await getPerson(db, personId);
  if (!person) return null;
  const today = todayInLondon(now);
  const { framework } = getContent();
  const [supervisors, matrix, selfAssessment, evidence, training, cpd, supervision, induction, plan, appraisal] =
    await Promise.all([
      designatedSupervisors(db, personId),
      competencyMatrix(db, personId, { areas: frameworkOutline() }, view),
      gatherSelfAssessment(db, personId),
      gatherEvidence(db, personId, period, view),
      gatherTraining(db, person, today),
      gatherCpd(db, personId, period),
      gatherSupervision(db, personId, period),
      inductionOfPortfolio(db, personId, today),
      gatherPlan(db, personId, period),
      gatherAppraisal(db, personId),
    ]);
  return {
    person: {
      name: person.name,
      jobRole: jobRoleTitle(person.jobRole),
      pcn: person.pcnName,
      supervisors: supervisors.map((s) => s.name),
    },
    period: { label: period.label, start: period.start, end: period.end },
    frameworkVersion: `${framework.title}, version ${framework.version}`,
    generatedAt: now.toISOString(),
    competencies: matrix.map((area) => ({
      title: area.title,
      signedOff: area.signedOff,
      total: area.total,
      competencies: area.competencies.map((c) => ({
        title: c.title,
        status: c.status,
        evidenceCount: c.evidenceCount,
        signedOffAt: c.signedOffAt,
        signedOffBy: c.signedOffBy,
      })),
    })),
    selfAssessment,
    evidence,
    training,
    cpd,
    supervision,
    induction,
    plan,
    appraisal,
  };
}
