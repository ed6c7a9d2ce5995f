/**
 * The appraisal pages (ADR 0019): who may see and do what, a person's appraisals, one appraisal with what happened
 * in its period, and the steps taken on it.
 */
import { requirementStandings } from "~/content/compliance-rules.server";
import { getContent } from "~/content/index.server";
import { expectedMeetings, type Period } from "~/domain/appraisal-period";
import { appraisalWorkflow } from "~/domain/appraisal-workflow";
import { appraisalYear } from "~/domain/appraisal-year";
import { appraisalRoleOf, canViewPerson } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { CPD_TYPES, trainingStateLabel } from "~/domain/vocabulary";
import type { appraisalStepSchema } from "~/forms/appraisal.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { periodFacts } from "~/models/appraisal-summary.server";
import {
  confirmAppraisal,
  createAppraisal,
  currentAppraisers,
  editAppraisal,
  getAppraisal,
  listAppraisals,
  type AppraisalInput,
} from "~/models/appraisals.server";
import type { Executor } from "~/models/audit.server";
import { trainingRecordsOf } from "~/models/training.server";
import { getPerson, type Person } from "~/models/user.server";
import type { z } from "zod";
import { actorOf, notFound, type CurrentUser } from "./auth.server";
import type { AppLoadContext } from "@remix-run/node";

const today = () => todayInLondon(new Date());

/**
 * The person behind a route id, who appraises them now and this viewer's part; a 404 when the person does not
 * exist or the viewer may not see their appraisals.
 */
export async function appraisalAccessFor(user: CurrentUser, id: number | null) {
  const db = getDb();
  const person = id === user.person.id ? user.person : id === null ? null : await getPerson(db, id);
  if (!person || person.purged) throw notFound();
  const appraisers = await currentAppraisers(db, person.id);
  const appraiserIds = appraisers.map((a) => a.id);
  const role = appraisalRoleOf(user.viewer, person, appraiserIds);
  if (!role) throw notFound();
  return { user, person, appraisers, appraiserIds, role };
}
export type AppraisalAccess = Awaited<ReturnType<typeof appraisalAccessFor>>;

/** A page of the person's appraisals, and whether this viewer may record a new one. */
export async function appraisalListFor(
  db: Executor,
  access: AppraisalAccess,
  page: { page: number; pageSize: number },
) {
  return {
    role: access.role,
    appraisers: access.appraisers.map((a) => a.name),
    ...(await listAppraisals(db, access.person.id, page)),
  };
}

/** The period's label when it is a whole appraisal year, which the PDF portfolio can cover; otherwise null. */
function yearLabelOf(period: Period): string | null {
  const year = appraisalYear(period.start, env().APPRAISAL_YEAR_START_MONTH);
  return year.start === period.start && year.end === period.end ? year.label : null;
}

/** What happened in the period, for the top of the appraisal screen. */
export async function preparedSummary(db: Executor, person: Person, period: Period) {
  const [facts, records] = await Promise.all([periodFacts(db, person.id, period), trainingRecordsOf(db, [person.id])]);
  const now = today();
  const trainingDue = requirementStandings(person.jobRole, records, now)
    .filter((s) => s.required && s.state !== "valid")
    .map((s) => ({ title: s.requirement.title, state: trainingStateLabel(s.state), expiresOn: s.expiresOn }));
  return {
    ...facts,
    cpdByType: facts.cpdByType.map((c) => ({ ...c, label: CPD_TYPES[c.type] ?? c.type })),
    cpdHours: Math.round(facts.cpdByType.reduce((sum, c) => sum + c.hours, 0) * 100) / 100,
    meetingsExpected: expectedMeetings(period, person, now, getContent().supervisionPolicy),
    trainingDue,
  };
}

/** One of the person's appraisals with what this viewer may do now and the prepared summary; undefined if not theirs. */
export async function appraisalPageFor(db: Executor, access: AppraisalAccess, appraisalId: number) {
  const appraisal = await getAppraisal(db, access.person.id, appraisalId);
  if (!appraisal) return undefined;
  const role = appraisalRoleOf(access.user.viewer, access.person, access.appraiserIds, appraisal) ?? "other";
  const period = { start: appraisal.periodStart, end: appraisal.periodEnd };
  const periodLabel = yearLabelOf(period);
  // The PDF page answers to whoever may see the person's portfolio; a line manager with no other role may not.
  const pdfPeriod = canViewPerson(access.user.viewer, access.person) ? periodLabel : null;
  return {
    role,
    appraisal: { ...appraisal, periodLabel },
    actions: appraisalWorkflow.allowedActions(appraisal.status, role),
    prepared: await preparedSummary(db, access.person, period),
    pdfPeriod,
  };
}

export function recordAppraisal(access: AppraisalAccess, input: AppraisalInput, context: AppLoadContext) {
  return createAppraisal(getDb(), access.person, input, {
    ...actorOf(access.user, context),
    id: access.user.viewer.id,
  });
}

export type AppraisalStep = { intent: "edit"; input: AppraisalInput } | z.infer<typeof appraisalStepSchema>;

/** Changes or confirms an appraisal as this viewer: the model checks the workflow again inside its transaction. */
export function takeAppraisalStep(
  access: AppraisalAccess,
  appraisal: { id: number; appraiserId: number },
  step: AppraisalStep,
  context: AppLoadContext,
) {
  const role = appraisalRoleOf(access.user.viewer, access.person, access.appraiserIds, appraisal) ?? "other";
  const actor = { ...actorOf(access.user, context), id: access.user.viewer.id };
  if (step.intent === "edit")
    return editAppraisal(getDb(), access.person, appraisal.id, { role, input: step.input }, actor);
  return confirmAppraisal(getDb(), access.person, appraisal.id, { action: step.intent, role }, actor);
}
