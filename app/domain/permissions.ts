/**
 * Who may do what. Every loader and action asks here; nothing else decides access.
 * A person is visible to themselves, their current supervisors, the leads of their PCN and admins.
 */
export type AppRole = "coordinator" | "supervisor" | "lead" | "admin";

/** Every role, in the order the app lists them (the person form, the account page, a person's page). */
export const APP_ROLES: readonly AppRole[] = ["coordinator", "supervisor", "lead", "admin"];

/** Someone's roles in the app's order, whatever order the database gave them in. */
export const inRoleOrder = (roles: readonly AppRole[]): AppRole[] => APP_ROLES.filter((role) => roles.includes(role));

export interface Viewer {
  id: number;
  pcnId: number | null;
  roles: readonly AppRole[];
  /** People this viewer currently supervises (designated supervisor arrangements still open). */
  superviseeIds: readonly number[];
}

export interface PersonRef {
  id: number;
  pcnId: number | null;
}

const has = (viewer: { roles: readonly AppRole[] }, role: AppRole) => viewer.roles.includes(role);

export const isAdmin = (viewer: Viewer) => has(viewer, "admin");

export function leadsPcn(viewer: Viewer, pcnId: number | null): boolean {
  return has(viewer, "lead") && pcnId !== null && viewer.pcnId === pcnId;
}

export function supervises(viewer: Viewer, personId: number): boolean {
  return has(viewer, "supervisor") && viewer.id !== personId && viewer.superviseeIds.includes(personId);
}

export function canViewPerson(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id === person.id || isAdmin(viewer) || leadsPcn(viewer, person.pcnId) || supervises(viewer, person.id);
}

/** Create people, change their details and roles, issue set-password links. */
export function canManagePeople(viewer: Viewer, pcnId: number | null): boolean {
  return isAdmin(viewer) || leadsPcn(viewer, pcnId);
}

/**
 * Change someone's details, deactivate them or issue their set-password link. A lead may not do this to an
 * administrator: whoever can reset an account can take it over.
 */
export function canManagePerson(viewer: Viewer, person: PersonRef & { roles: readonly AppRole[] }): boolean {
  return isAdmin(viewer) || (canManagePeople(viewer, person.pcnId) && !person.roles.includes("admin"));
}

/**
 * Reset someone's two-step sign-in when they have lost their phone, or give them a set-password link: whoever
 * manages them (so a lead, never for an administrator), and never for oneself, which would skip the password that
 * the account page asks for.
 */
export function canResetSignIn(viewer: Viewer, person: PersonRef & { roles: readonly AppRole[] }): boolean {
  return viewer.id !== person.id && canManagePerson(viewer, person);
}

/**
 * Nobody widens their own access: another lead or an administrator gives a person roles or names them someone's
 * supervisor. Otherwise a lead could make themself a supervisor, then accept evidence and sign it off alone.
 * Set-up scripts act as nobody (a null actor).
 */
export function mayGrantAccessTo(actorId: number | null, personId: number): boolean {
  return actorId !== personId;
}

/** Only admins may grant admin, move people between PCNs, or manage PCNs. */
export const canManagePcns = isAdmin;

/** Put someone in a PCN of one's choosing, or move them to another: a lead's people stay in the lead's PCN. */
export const canMovePeopleBetweenPcns = isAdmin;

/** Whether this viewer may give someone this app role: only admins make admins. */
export function mayGrantRole(viewer: Viewer, role: AppRole): boolean {
  return role !== "admin" || isAdmin(viewer);
}

/**
 * Which PCNs' records a viewer sees on the PCN-wide pages (people, audit trail, dashboard, compliance report):
 * every PCN for an administrator, their own for the lead of one, none for anyone else, a lead not yet placed in a
 * PCN included.
 */
export type PcnScope = { kind: "all" } | { kind: "one"; pcnId: number } | { kind: "none" };

export function pcnScopeOf(viewer: Viewer): PcnScope {
  if (isAdmin(viewer)) return { kind: "all" };
  if (viewer.pcnId !== null && leadsPcn(viewer, viewer.pcnId)) return { kind: "one", pcnId: viewer.pcnId };
  return { kind: "none" };
}

/** Whether a scope covers this PCN; null means every PCN at once, which only an administrator's scope covers. */
export function scopeCovers(scope: PcnScope, pcnId: number | null): boolean {
  return scope.kind === "all" || (scope.kind === "one" && pcnId === scope.pcnId);
}

/** Choose which PCN or integrated care system a PCN-wide page shows: only someone who sees every PCN. */
export function canChooseScope(viewer: Viewer): boolean {
  return pcnScopeOf(viewer).kind === "all";
}

/** The people list: administrators and leads (a lead not yet in a PCN sees it empty). */
export function canListPeople(viewer: Viewer): boolean {
  return isAdmin(viewer) || has(viewer, "lead");
}

export function canViewAudit(viewer: Viewer): boolean {
  return pcnScopeOf(viewer).kind !== "none";
}

/** The training compliance and readiness dashboard, its CSV and the compliance report. */
export function canViewDashboard(viewer: Viewer): boolean {
  return pcnScopeOf(viewer).kind !== "none";
}

/** Verify several training records at once: the lead of a PCN, for its staff. */
export function canBulkVerify(viewer: Viewer): boolean {
  return leadsPcn(viewer, viewer.pcnId);
}

/** Import training records from an ESR export or the app's template: a PCN's lead, or an administrator. */
export function canImportTraining(viewer: Viewer): boolean {
  return pcnScopeOf(viewer).kind !== "none";
}

/**
 * Whose training an import or a team session may write: anyone in the lead's PCN (everyone, for an administrator),
 * never one's own.
 */
export function canRecordTrainingFor(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id !== person.id && scopeCovers(pcnScopeOf(viewer), person.pcnId);
}

/** Record one team training session for several of the PCN's staff at once: the lead of a PCN. */
export const canRecordTeamTraining = canBulkVerify;

/** Set the PCN's own renewal periods for training, in place of the content's: the lead of a PCN, for it. */
export function canSetLocalPeriods(viewer: Viewer): boolean {
  return leadsPcn(viewer, viewer.pcnId);
}

/** The review queue and the supervision panels of the home page: anyone with the supervisor role. */
export function canReviewAnything(viewer: Viewer): boolean {
  return has(viewer, "supervisor");
}

/** Whether the home page shows a team: a supervisor's supervisees, a lead's PCN. */
export function looksAfterTeam(viewer: Viewer): boolean {
  return has(viewer, "supervisor") || has(viewer, "lead");
}

/** Someone who may be named a designated supervisor. */
export function maySupervise(person: { roles: readonly AppRole[] }): boolean {
  return has(person, "supervisor");
}

/** The owner writes their own portfolio; nobody writes it for them. */
export function canEditPortfolio(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id === person.id;
}

/**
 * How a viewer sees someone's evidence: the owner sees their own drafts; everyone else ("shared") sees only what
 * the owner has submitted.
 */
export function evidenceViewFor(viewer: Viewer, person: { id: number }): "owner" | "shared" {
  return viewer.id === person.id ? "owner" : "shared";
}

/** Review evidence and sign off competencies: a designated supervisor, never the owner. */
export function canReview(viewer: Viewer, person: PersonRef): boolean {
  return supervises(viewer, person.id);
}

/** Record supervision meetings and verify training certificates. */
export function canOversee(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id !== person.id && (supervises(viewer, person.id) || leadsPcn(viewer, person.pcnId));
}

/**
 * Confirm or dispute a supervision meeting: the supervisor it names, while still designated, or a lead of the
 * person's PCN. Whoever may confirm a meeting confirms it by recording it; anyone else's record waits for them.
 */
export function canConfirmMeeting(viewer: Viewer, person: PersonRef, meeting: { supervisorId: number }): boolean {
  return (
    viewer.id !== person.id &&
    ((viewer.id === meeting.supervisorId && supervises(viewer, person.id)) || leadsPcn(viewer, person.pcnId))
  );
}

/** Staff who keep a portfolio of their own (the "coordinator" app role, whatever their job title). */
export function keepsPortfolio(person: { roles: readonly AppRole[] }): boolean {
  return has(person, "coordinator");
}

/** Whether the deployment's list of roles that must use two-step sign-in (REQUIRE_TOTP_FOR) names one of theirs. */
export function mustUseSecondFactor(viewer: { roles: readonly AppRole[] }, requiredRoles: readonly string[]): boolean {
  return viewer.roles.some((role) => requiredRoles.includes(role));
}

/** Whether the deployment's list of roles that must sign in through a provider (REQUIRE_SSO_FOR) names one of theirs. */
export const mustUseSingleSignOn = mustUseSecondFactor;

/** Link and unlink people's single sign-on accounts: administrators only. */
export const canManageIdentities = isAdmin;

/** Everything held about a person, for a subject access request: the person themselves or an administrator. */
export function canExportPersonalData(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id === person.id || isAdmin(viewer);
}

/** Purge a leaver's records once their retention period has passed (ADR 0010): administrators only. */
export const canPurgeRecords = isAdmin;

/**
 * Someone's part in a person's self-assessment and development plan: the person themself ("owner"), their
 * designated supervisor (who confirms ratings and agrees goals), or anyone else who may only look.
 */
export type DevelopmentRole = "owner" | "supervisor" | "other";

export function developmentRoleOf(viewer: Viewer, person: PersonRef): DevelopmentRole {
  if (viewer.id === person.id) return "owner";
  return supervises(viewer, person.id) ? "supervisor" : "other";
}

/**
 * Add a development pathway's missing pieces to someone's plan as goals: the person or their designated supervisor.
 * Their PCN lead and administrators may look at the pathways but not add to the plan.
 */
export function canAddPathwayGoals(viewer: Viewer, person: PersonRef): boolean {
  return developmentRoleOf(viewer, person) !== "other";
}

/**
 * Tick or untick items of someone's induction checklist (ADR 0020): the new starter, their designated supervisor or
 * their PCN's lead. An administrator looks after accounts, not inductions, so may only look.
 */
export function canTickInduction(viewer: Viewer, person: PersonRef): boolean {
  return viewer.id === person.id || supervises(viewer, person.id) || leadsPcn(viewer, person.pcnId);
}

/** Make an induction checklist for a member of staff who has none (or none ticked yet): whoever manages them. */
export function canMakeInduction(viewer: Viewer, person: PersonRef): boolean {
  return canManagePeople(viewer, person.pcnId);
}

/**
 * Who appraises a person (ADR 0019): their line manager where one is recorded, otherwise their designated
 * supervisors. Both come from the person's current arrangements.
 */
export function appraisersOf(current: {
  lineManagerIds: readonly number[];
  supervisorIds: readonly number[];
}): number[] {
  return [...(current.lineManagerIds.length ? current.lineManagerIds : current.supervisorIds)];
}

/** Someone's part in a person's appraisals: the person, their appraiser, or someone who may only look. */
export type AppraisalRole = "owner" | "appraiser" | "other";

/**
 * The viewer's part in a person's appraisals, or null when they may not see them (answer 404). The appraiser may
 * see them even where nothing else about the person is theirs to see (a line manager with no other role). For one
 * appraisal, only the appraiser it names, while still the person's appraiser, acts as appraiser.
 */
export function appraisalRoleOf(
  viewer: Viewer,
  person: PersonRef,
  appraiserIds: readonly number[],
  appraisal?: { appraiserId: number },
): AppraisalRole | null {
  if (viewer.id === person.id) return "owner";
  const appraises = appraiserIds.includes(viewer.id);
  if (appraises && (!appraisal || appraisal.appraiserId === viewer.id)) return "appraiser";
  return appraises || canViewPerson(viewer, person) ? "other" : null;
}
