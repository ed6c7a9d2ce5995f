import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { AppRole, ArrangementKind, Database, UserTable } from "../../db/schema";
import {
  canMovePeopleBetweenPcns,
  inRoleOrder,
  keepsPortfolio,
  mayGrantAccessTo,
  maySupervise,
  type PcnScope,
  type Viewer,
} from "~/domain/permissions";
import { RuleError } from "~/domain/rule-error";
import { todayInLondon } from "~/domain/training-status";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { defaultInductionSetting, makeChecklist } from "./induction.server";
import { ensureRollups, refreshStanding, refreshStandings } from "./rollups.server";
import { lockRollups, totalsOf } from "./scope-figures.server";

/** Who is making a change, for the audit trail. */
export interface Actor {
  id: number | null;
  ip?: string | null;
}

export interface Person {
  id: number;
  pcnId: number | null;
  pcnName: string | null;
  name: string;
  email: string;
  /** Their ESR employee number, which training imports match rows by. */
  staffNumber: string | null;
  jobRole: string | null;
  fte: number | null;
  startDate: string | null;
  active: boolean;
  roles: AppRole[];
  hasPassword: boolean;
  totpEnabled: boolean;
  /** Records purged under the retention policy: only an emptied row is left. */
  purged: boolean;
}

export const emailKey = (email: string) => email.trim().toLowerCase();

/** The columns of `users` a Person is made of: never the password hash or the two-step secret, only whether they are set. */
const PERSON_COLUMNS = [
  "users.id",
  "users.pcn_id",
  "users.name",
  "users.email",
  "users.staff_number",
  "users.job_role",
  "users.fte",
  "users.start_date",
  "users.active",
  "users.totp_enabled",
  "users.purged_at",
] as const;

type PersonRow = Pick<Selectable<UserTable>, (typeof PERSON_COLUMNS)[number] extends `users.${infer C}` ? C : never> & {
  pcn_name: string | null;
  has_password: number;
};

function toPerson(row: PersonRow, roles: AppRole[]): Person {
  return {
    id: row.id,
    pcnId: row.pcn_id,
    pcnName: row.pcn_name,
    name: row.name,
    email: row.email,
    staffNumber: row.staff_number,
    jobRole: row.job_role,
    fte: row.fte,
    startDate: row.start_date,
    active: row.active === 1,
    roles,
    hasPassword: row.has_password === 1,
    totpEnabled: row.totp_enabled === 1,
    purged: row.purged_at !== null,
  };
}

/** Secrets are read only where they are checked (credentials.server.ts), never for a page or the signed-in user. */
function selectUsers(db: Executor) {
  return db
    .selectFrom("users")
    .leftJoin("pcns", "pcns.id", "users.pcn_id")
    .select(PERSON_COLUMNS)
    .select([
      "pcns.name as pcn_name",
      sql<number>`case when users.password_hash is null then 0 else 1 end`.as("has_password"),
    ]);
}

async function rolesOf(db: Executor, userIds: number[]): Promise<Map<number, AppRole[]>> {
  const map = new Map<number, AppRole[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", userIds).execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  for (const [userId, roles] of map) map.set(userId, inRoleOrder(roles));
  return map;
}

export async function getPerson(db: Executor, id: number): Promise<Person | null> {
  const row = await selectUsers(db).where("users.id", "=", id).executeTakeFirst();
  if (!row) return null;
  const roles = await rolesOf(db, [row.id]);
  return toPerson(row, roles.get(row.id) ?? []);
}

export async function emailTaken(db: Executor, email: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom("users").select("id").where("email_key", "=", emailKey(email));
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function staffNumberTaken(db: Executor, staffNumber: string | null | undefined, exceptId?: number) {
  if (!staffNumber) return false;
  let q = db.selectFrom("users").select("id").where("staff_number", "=", staffNumber);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * The signed-in user: their record, the same person as the permissions module sees them, and the people whose
 * appraisals they record now (the menu leads them to those people's appraisals).
 */
export interface SignedInUser {
  person: Person;
  viewer: Viewer;
  /** The active people they appraise today (appraisersOf): those they line manage, and those they supervise who have no line manager. */
  appraiseeIds: number[];
}

/** A comma-separated list gathered by string_agg, or null for none. */
const listed = (list: string | null) => (list === null ? [] : list.split(","));

/**
 * Users with all a signed-in user is made of: their PCN's name, their roles, the people they supervise today and
 * those they appraise, each list gathered into one column, so that one statement reads the lot (here, or beside
 * their session).
 */
export function signedInUsers(db: Executor, today = todayInLondon(new Date())) {
  return selectUsers(db).select((eb) => [
    eb
      .selectFrom("user_roles as r")
      .select((r) => r.fn.agg<string>("string_agg", ["r.role", sql.lit(",")]).as("roles"))
      .whereRef("r.user_id", "=", "users.id")
      .as("role_list"),
    currentArrangements(eb, today).where("a.kind", "=", "supervisor").as("supervisee_list"),
    appraiseeList(eb, today).as("appraisee_list"),
  ]);
}

/** The staff a user holds an arrangement with today, as one string_agg column. */
function currentArrangements(eb: ExpressionBuilder<Database, "users">, today: string) {
  return eb
    .selectFrom("supervision_arrangements as a")
    .select(sql<string>`string_agg(cast(a.staff_id as text), ',')`.as("ids"))
    .whereRef("a.person_id", "=", "users.id")
    .where("a.ended_on", "is", null)
    .where("a.started_on", "<=", today);
}

/**
 * The active people a user appraises today, as appraisersOf and currentAppraisers decide (ADR 0019): those they
 * line manage, and those they supervise whose line manager, if any, is not an active colleague.
 */
function appraiseeList(eb: ExpressionBuilder<Database, "users">, today: string) {
  return currentArrangements(eb, today)
    .innerJoin("users as staff", "staff.id", "a.staff_id")
    .where("staff.active", "=", 1)
    .where((w) => {
      const hasLineManager = w
        .selectFrom("supervision_arrangements as m")
        .innerJoin("users as manager", "manager.id", "m.person_id")
        .select("m.id")
        .whereRef("m.staff_id", "=", "a.staff_id")
        .where("m.kind", "=", "line-manager")
        .where("m.ended_on", "is", null)
        .where("m.started_on", "<=", today)
        .where("manager.active", "=", 1);
      return w.or([
        w("a.kind", "=", "line-manager"),
        w.and([w("a.kind", "=", "supervisor"), w.not(w.exists(hasLineManager))]),
      ]);
    });
}

/** A row of signedInUsers as the signed-in user; null when the account is deactivated. */
export function toSignedInUser(
  row: PersonRow & {
    role_list: string | null;
    supervisee_list: string | null;
    appraisee_list: string | null;
  },
): SignedInUser | null {
  const person = toPerson(row, inRoleOrder(listed(row.role_list) as AppRole[]));
  if (!person.active) return null;
  // Sorted, as the arrangements' index used to give them.
  const ids = (list: string | null) =>
    listed(list)
      .map(Number)
      .sort((a, b) => a - b);
  return {
    person,
    viewer: { id: person.id, pcnId: person.pcnId, roles: person.roles, superviseeIds: ids(row.supervisee_list) },
    appraiseeIds: ids(row.appraisee_list),
  };
}

/** The signed-in user, in one statement. Null when the account is gone or deactivated. */
export async function loadSignedInUser(db: Executor, userId: number): Promise<SignedInUser | null> {
  const row = await signedInUsers(db).where("users.id", "=", userId).executeTakeFirst();
  return row ? toSignedInUser(row) : null;
}

/** These people, by name, leaving out anyone deactivated: a line manager's reports, for their appraisals. */
export async function activePeopleByName(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...ids])
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
}

export interface PeopleQuery {
  /** Whose PCNs to list (see pcnScopeOf): an empty scope lists nobody. */
  pcns: PcnScope;
  search?: string;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export async function listPeople(db: Executor, query: PeopleQuery) {
  let q = selectUsers(db);
  if (query.pcns.kind === "none") return { people: [], total: 0 };
  if (query.pcns.kind === "one") q = q.where("users.pcn_id", "=", query.pcns.pcnId);
  if (!query.includeInactive) q = q.where("users.active", "=", 1);
  q = q.where("users.purged_at", "is", null);
  if (query.search) {
    const like = `%${query.search.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn("lower", ["users.name"]), "like", like), eb("users.email_key", "like", like)]));
  }
  const total =
    query.pcns.kind === "all" && !query.search
      ? await countEveryone(db, query.includeInactive ?? false)
      : Number(
          (
            await q
              .clearSelect()
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
  const rows = await q
    .orderBy("users.name")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return { people: rows.map((r) => toPerson(r, roles.get(r.id) ?? [])), total };
}

/**
 * How many people the whole deployment's list holds, without counting every row of `users`: current staff (active,
 * with a job role) are the stored figures' head count, kept in the same transaction as any change to who they are;
 * only those without a job role, and leavers when asked for, are counted, each through an index of just them.
 */
async function countEveryone(db: Executor, includeInactive: boolean): Promise<number> {
  await ensureRollups(db);
  const count = async (q: SelectQueryBuilder<Database, "users", object>) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const listed = db.selectFrom("users").where("users.purged_at", "is", null);
  const withoutJobRole = await count(
    listed.where("users.job_role", "is", null).$if(!includeInactive, (q) => q.where("users.active", "=", 1)),
  );
  const staffWhoLeft = includeInactive
    ? await count(listed.where("users.active", "=", 0).where("users.job_role", "is not", null))
    : 0;
  return (await totalsOf(db, { kind: "all" })).staff + withoutJobRole + staffWhoLeft;
}

/** People in a PCN scope that a list to choose from holds: leavers too, not the purged. */
function peopleInScope(db: Executor, pcns: Exclude<PcnScope, { kind: "none" }>) {
  const q = db.selectFrom("users").where("purged_at", "is", null);
  return pcns.kind === "one" ? q.where("pcn_id", "=", pcns.pcnId) : q;
}

/** People in a PCN scope (leavers too, not purged), by name: ids and names only, for a list to choose from. */
export async function peopleToChoose(db: Executor, pcns: PcnScope, limit: number) {
  if (pcns.kind === "none") return [];
  return peopleInScope(db, pcns).select(["id", "name"]).orderBy("name").orderBy("id").limit(limit).execute();
}

/** How many people peopleToChoose would list, counted from an index and only up to `upTo`. */
export async function countPeopleToChoose(db: Executor, pcns: PcnScope, upTo: number): Promise<number> {
  if (pcns.kind === "none") return 0;
  const { n } = await db
    .selectFrom(
      peopleInScope(db, pcns)
        .select(sql<number>`1`.as("one"))
        .limit(upTo)
        .as("listed"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Someone to choose from a PCN scope's people (as peopleToChoose has them), with their PCN to tell namesakes apart. */
export interface PersonToChoose {
  id: number;
  name: string;
  pcnName: string | null;
}

function choosable(db: Executor, pcns: PcnScope) {
  let q = db
    .selectFrom("users")
    .leftJoin("pcns", "pcns.id", "users.pcn_id")
    .select(["users.id", "users.name", "pcns.name as pcnName"])
    .where("users.purged_at", "is", null);
  if (pcns.kind === "one") q = q.where("users.pcn_id", "=", pcns.pcnId);
  return q;
}

/** One person of a PCN scope's choosable people, or undefined when they are not one of them. */
export async function personToChoose(db: Executor, pcns: PcnScope, id: number): Promise<PersonToChoose | undefined> {
  if (pcns.kind === "none") return undefined;
  return choosable(db, pcns).where("users.id", "=", id).executeTakeFirst();
}

/**
 * People of a PCN scope whose name contains `text`, ignoring case, by name: at most `limit`. Those whose whole name
 * is `text` come first, so typing a full name finds that person even when it is part of other names.
 */
export async function peopleNamed(db: Executor, pcns: PcnScope, text: string, limit: number) {
  if (pcns.kind === "none") return [];
  const lower = text.toLowerCase();
  // LIKE's own wildcards in the typed text are matched as themselves.
  const pattern = `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const exact = sql<number>`case when lower(users.name) = ${lower} then 0 else 1 end`;
  return choosable(db, pcns)
    .where(sql<boolean>`lower(users.name) like ${pattern} escape '\\'`)
    .orderBy(exact)
    .orderBy("users.name")
    .orderBy("users.id")
    .limit(limit)
    .execute();
}

export interface PersonInput {
  pcnId: number | null;
  name: string;
  email: string;
  /** Optional; unique in the deployment. Left out, the person has none. */
  staffNumber?: string | null;
  jobRole: string | null;
  fte: number | null;
  startDate: string | null;
  roles: AppRole[];
}

/** A change to a person the model refuses whoever asks (see RuleError). */
export class PersonRuleError extends RuleError<"form" | "pcnId" | "roles" | "arrangementPersonId"> {
  override name = "PersonRuleError";
}

/**
 * Rules every person record keeps. A member of staff who keeps a portfolio belongs to a PCN, or no lead could
 * ever see their records; and nobody gives themself a role they did not have.
 */
function checkPersonRules(input: PersonInput, before: Person | null, actor: Actor) {
  if (keepsPortfolio(input) && input.pcnId === null) {
    throw new PersonRuleError("pcnId", "Select the PCN of a member of staff who keeps a portfolio");
  }
  if (before && !mayGrantAccessTo(actor.id, before.id) && input.roles.some((role) => !before.roles.includes(role))) {
    throw new PersonRuleError("roles", "You cannot give yourself a new role. Ask another PCN lead or an administrator");
  }
}

/** Only an administrator (or a set-up script, acting as nobody) moves someone to another PCN. */
async function checkMayMove(trx: Executor, actor: Actor) {
  if (actor.id === null) return;
  const mover = await loadSignedInUser(trx, actor.id);
  if (!mover || !canMovePeopleBetweenPcns(mover.viewer)) {
    throw new PersonRuleError("pcnId", "Only an administrator can move someone to another PCN");
  }
}

function auditView(p: PersonInput | Person) {
  return {
    pcnId: p.pcnId,
    name: p.name,
    email: p.email,
    ...(p.staffNumber ? { staffNumber: p.staffNumber } : {}),
    jobRole: p.jobRole,
    fte: p.fte,
    startDate: p.startDate,
    roles: p.roles,
  };
}

function personColumns(input: PersonInput) {
  return {
    pcn_id: input.pcnId,
    name: input.name,
    email: input.email.trim(),
    email_key: emailKey(input.email),
    staff_number: input.staffNumber ?? null,
    job_role: input.jobRole,
    fte: input.fte,
    start_date: input.startDate,
  };
}

async function replaceRoles(trx: Executor, userId: number, roles: AppRole[]) {
  await trx.deleteFrom("user_roles").where("user_id", "=", userId).execute();
  if (roles.length)
    await trx
      .insertInto("user_roles")
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function createPerson(db: Executor, input: PersonInput, actor: Actor): Promise<number> {
  checkPersonRules(input, null, actor);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const { id } = await trx
      .insertInto("users")
      .values({ ...personColumns(input), created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceRoles(trx, id, input.roles);
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "user",
      entityId: id,
      action: "create",
      after: auditView(input),
      ip: actor.ip,
    });
    // A new member of staff starts with an induction checklist, whoever adds them (a page, script, seed or import).
    if (input.jobRole)
      await makeChecklist(
        trx,
        { id, pcnId: input.pcnId, jobRole: input.jobRole },
        defaultInductionSetting(),
        actor,
        todayInLondon(new Date()),
      );
    await refreshStanding(trx, id);
    return id;
  });
}

export async function updatePerson(db: Executor, id: number, input: PersonInput, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The rollups lock before this row's: the change below locks a key of the row that storing a standing checks,
    // so taking them the other way round would deadlock with a catch-up holding the lock (ADR 0013).
    await lockRollups(trx);
    const before = await getPerson(trx, id);
    if (!before) throw new Error(`person ${id} not found`);
    checkPersonRules(input, before, actor);
    if (before.pcnId !== input.pcnId) await checkMayMove(trx, actor);
    await trx
      .updateTable("users")
      .set({ ...personColumns(input), updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await replaceRoles(trx, id, input.roles);
    const change = {
      actorId: actor.id,
      entity: "user" as const,
      entityId: id,
      action: "update" as const,
      before: auditView(before),
      after: auditView(input),
      ip: actor.ip,
    };
    await writeAudit(trx, { ...change, pcnId: input.pcnId });
    // Their own standing, and, after a move, that of the people they supervised, whose arrangements end below.
    const affected = [id];
    if (before.pcnId !== input.pcnId) {
      const supervised = await trx
        .selectFrom("supervision_arrangements")
        .select("staff_id")
        .where("person_id", "=", id)
        .where("ended_on", "is", null)
        .execute();
      affected.push(...supervised.map((a) => a.staff_id));
      // Supervision and line management belong to the old PCN; its lead sees the move in their own audit trail.
      await trx
        .updateTable("supervision_arrangements")
        .set({ ended_on: todayInLondon(new Date()) })
        .where((eb) => eb.or([eb("staff_id", "=", id), eb("person_id", "=", id)]))
        .where("ended_on", "is", null)
        .execute();
      await writeAudit(trx, { ...change, pcnId: before.pcnId, action: "move-out" });
    }
    await refreshStandings(trx, affected);
  });
}

/**
 * Nobody deactivates their own account: they would be signed out at once, and a PCN could lose its only lead or
 * administrator. Asked before the confirmation step too, so nobody confirms a change that is then refused.
 */
export function checkActiveChange(id: number, actor: Actor): void {
  if (actor.id === id) throw new PersonRuleError("form", "You cannot deactivate your own account");
}

/** Deactivated people keep their records but cannot sign in; their sessions end at once. */
export async function setActive(db: Executor, id: number, active: boolean, actor: Actor): Promise<void> {
  checkActiveChange(id, actor);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["active", "pcn_id"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const at = nowIso();
    // The retention period of a leaver's records runs from deactivation (ADR 0010).
    await trx
      .updateTable("users")
      .set({ active: active ? 1 : 0, updated_at: at, deactivated_at: active ? null : at })
      .where("id", "=", id)
      .execute();
    if (!active) await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: before.pcn_id,
      entity: "user",
      entityId: id,
      action: active ? "reactivate" : "deactivate",
      before: { active: before.active === 1 },
      after: { active },
      ip: actor.ip,
    });
    await refreshStanding(trx, id);
  });
}

export interface Arrangement {
  id: number;
  kind: ArrangementKind;
  personId: number;
  personName: string;
  startedOn: string;
  endedOn: string | null;
}

/** Current and past supervisors, first points of contact and line managers, newest first. */
export async function listArrangements(db: Executor, staffId: number): Promise<Arrangement[]> {
  const rows = await db
    .selectFrom("supervision_arrangements as a")
    .innerJoin("users as p", "p.id", "a.person_id")
    .select(["a.id", "a.kind", "a.person_id", "p.name", "a.started_on", "a.ended_on"])
    .where("a.staff_id", "=", staffId)
    .orderBy("a.started_on", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    personId: r.person_id,
    personName: r.name,
    startedOn: r.started_on,
    endedOn: r.ended_on,
  }));
}

/**
 * Someone who may be named in an arrangement for this member of staff: an active colleague in the same PCN, not
 * the member of staff themself. One query, whatever the size of the PCN.
 */
function arrangementCandidate(db: Executor, staffId: number, personId: number) {
  return db
    .selectFrom("users as p")
    .select(["p.id", "p.name"])
    .select((eb) =>
      eb
        .selectFrom("user_roles as r")
        .select((r) => r.fn.agg<string>("string_agg", ["r.role", sql.lit(",")]).as("roles"))
        .whereRef("r.user_id", "=", "p.id")
        .as("roles"),
    )
    .where("p.id", "=", personId)
    .where("p.id", "!=", staffId)
    .where("p.active", "=", 1)
    .where("p.purged_at", "is", null)
    .where((eb) => eb("p.pcn_id", "=", eb.selectFrom("users as s").select("s.pcn_id").where("s.id", "=", staffId)))
    .executeTakeFirst();
}

/**
 * Names someone for a kind of arrangement from a date. A first point of contact and a line manager are single:
 * naming a new one ends the old. A person may have several designated supervisors. The person named is a
 * colleague in the same PCN, and a designated supervisor holds the supervisor role.
 */
export async function addArrangement(
  db: Executor,
  input: { staffId: number; personId: number; kind: ArrangementKind; startedOn: string; pcnId: number | null },
  actor: Actor,
): Promise<void> {
  const candidate = await arrangementCandidate(db, input.staffId, input.personId);
  if (!candidate) throw new PersonRuleError("arrangementPersonId", "Select a person from this PCN");
  const roles = (candidate.roles?.split(",") ?? []) as AppRole[];
  if (input.kind === "supervisor" && !maySupervise({ roles })) {
    throw new PersonRuleError(
      "arrangementPersonId",
      `${candidate.name} is not a supervisor. Give them the supervisor role first`,
    );
  }
  if (input.kind === "supervisor" && !mayGrantAccessTo(actor.id, input.personId)) {
    throw new PersonRuleError(
      "arrangementPersonId",
      "You cannot make yourself someone's supervisor. Ask another PCN lead or an administrator",
    );
  }
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("supervision_arrangements")
      .select(["id", "person_id"])
      .where("staff_id", "=", input.staffId)
      .where("kind", "=", input.kind)
      .where("ended_on", "is", null)
      .execute();
    if (open.some((a) => a.person_id === input.personId)) return;
    if (input.kind !== "supervisor") {
      for (const a of open) {
        await trx
          .updateTable("supervision_arrangements")
          .set({ ended_on: input.startedOn })
          .where("id", "=", a.id)
          .execute();
      }
    }
    const { id } = await trx
      .insertInto("supervision_arrangements")
      .values({
        staff_id: input.staffId,
        person_id: input.personId,
        kind: input.kind,
        started_on: input.startedOn,
        created_by: actor.id,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "supervision_arrangement",
      entityId: id,
      action: "create",
      after: input,
      ip: actor.ip,
    });
    await refreshStanding(trx, input.staffId);
  });
}

export async function endArrangement(
  db: Executor,
  input: { staffId: number; arrangementId: number; endedOn: string; pcnId: number | null },
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("supervision_arrangements")
      .selectAll()
      .where("id", "=", input.arrangementId)
      .where("staff_id", "=", input.staffId)
      .where("ended_on", "is", null)
      .executeTakeFirst();
    if (!row) return false;
    await trx
      .updateTable("supervision_arrangements")
      .set({ ended_on: input.endedOn })
      .where("id", "=", row.id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "supervision_arrangement",
      entityId: row.id,
      action: "end",
      before: { endedOn: null },
      after: { endedOn: input.endedOn },
      ip: actor.ip,
    });
    await refreshStanding(trx, input.staffId);
    return true;
  });
}
