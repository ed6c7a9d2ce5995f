import {
  canBulkVerify,
  canListPeople,
  canManagePcns,
  canReviewAnything,
  canViewDashboard,
  keepsPortfolio,
  looksAfterTeam,
} from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import type { Executor } from "~/models/audit.server";
import { returnedEvidence, reviewQueueSize } from "~/models/evidence.server";
import { meetingsAwaitingConfirmation } from "~/models/supervision.server";
import type { CurrentUser } from "./auth.server";
import { supervisionDueFor, trainingStandingFor, visibleStaff } from "./compliance-readiness.server";
import { matrixFor } from "./portfolio-page.server";
import { awaitingSupervisor, ownDevelopmentOf } from "./development-plan.server";
import { inductionProgressOf } from "./induction.server";

/** Everything the signed-in home page shows this user: their own portfolio and readiness, and the team they look after. */
export async function homeFor(db: Executor, user: CurrentUser) {
  const { viewer, person } = user;
  const supervising = canReviewAnything(viewer);
  const today = todayInLondon(new Date());
  // Everyone with a job role this viewer looks after (not themself): supervisees for a supervisor, the PCN for a lead.
  const team = looksAfterTeam(viewer) ? (await visibleStaff(db, viewer)).filter((p) => p.id !== person.id) : [];
  // The user's own panels and their team's come from one read of everyone's records, split here.
  const self = person.jobRole ? [{ id: person.id, name: person.name, jobRole: person.jobRole }] : [];
  const everyone = [...self, ...team];
  // The panels' reads do not depend on one another: on PostgreSQL they go out at once, on several connections,
  // rather than one round trip after another (SQLite runs them in turn either way).
  const [training, supervision, matrix, returned, development, induction, awaiting, meetingsToConfirm, reviewCount] =
    await Promise.all([
      everyone.length ? trainingStandingFor(db, everyone, today) : { readiness: [], expiring: [] },
      everyone.length ? supervisionDueFor(db, everyone, today) : [],
      keepsPortfolio(viewer) ? matrixFor(viewer, person.id) : null,
      keepsPortfolio(viewer) ? returnedEvidence(db, person.id) : [],
      keepsPortfolio(viewer) ? ownDevelopmentOf(db, person.id) : null,
      person.jobRole ? inductionProgressOf(db, person.id) : null,
      supervising ? awaitingSupervisor(db, viewer.superviseeIds) : null,
      supervising ? meetingsAwaitingConfirmation(db, viewer.id, viewer.superviseeIds) : [],
      supervising ? reviewQueueSize(db, viewer.superviseeIds) : null,
    ]);
  const own = (p: { personId: number }) => p.personId === person.id;
  const theirs = (p: { personId: number }) => !own(p);
  return {
    signedIn: true as const,
    ownReadiness: training.readiness.find(own) ?? null,
    ownSupervision: supervision.find(own) ?? null,
    teamReadiness: team.length ? training.readiness.filter(theirs) : null,
    supervisionDue: supervision.filter(theirs),
    ownExpiries: training.expiring.filter(own),
    teamExpiries: training.expiring.filter(theirs),
    canBulkVerify: canBulkVerify(viewer),
    id: person.id,
    name: person.name,
    pcnName: person.pcnName,
    matrix,
    returned,
    development,
    induction,
    awaitingSupervisor: awaiting,
    meetingsToConfirm,
    reviewCount,
    supervisees: team.filter((p) => viewer.superviseeIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    // The same predicates the pages guard with, so no link here answers "not found".
    links: { dashboard: canViewDashboard(viewer), people: canListPeople(viewer), pcns: canManagePcns(viewer) },
  };
}
