/**
 * Self-assessment ratings (ADR 0018): a rating is appended, never rewritten, and each step of its confirmation is
 * appended to rating_reviews; the audit row goes in the same transaction.
 */
import { lockForUpdate } from "../../db/dialect";
import type { DevelopmentRole } from "~/domain/permissions";
import { ratingWorkflow, type RatingAction } from "~/domain/rating-workflow";
import type { RatingRecord } from "~/domain/self-assessment";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export interface RatingInput {
  competencyId: string;
  level: string;
  note: string | null;
}

interface Owner {
  id: number;
  pcnId: number | null;
}

/** The content versions a rating was made under. */
export interface RatingVersions {
  framework: string;
  scale: string;
}

export async function rateCompetency(
  db: Executor,
  owner: Owner,
  input: RatingInput,
  versions: RatingVersions,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("competency_ratings")
      .values({
        person_id: owner.id,
        competency_id: input.competencyId,
        level: input.level,
        note: input.note,
        framework_version: versions.framework,
        scale_version: versions.scale,
        rated_at: nowIso(),
        status: "self-rated",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "competency_rating",
      entityId: id,
      action: "create",
      after: { userId: owner.id, ...input },
      ip: actor.ip,
    });
    return id;
  });
}

const ratingColumns = [
  "r.id",
  "r.competency_id as competencyId",
  "r.level",
  "r.note",
  "r.rated_at as ratedAt",
  "r.status",
  "r.decided_at as decidedAt",
] as const;

/** Every rating a person has made, oldest first: their summary and the chart over time are worked out from it. */
export async function ratingsOf(db: Executor, personId: number): Promise<(RatingRecord & { note: string | null })[]> {
  return db
    .selectFrom("competency_ratings as r")
    .select(ratingColumns)
    .where("r.person_id", "=", personId)
    .orderBy("r.id")
    .execute();
}

/** A page of a person's ratings, newest first, with who decided each. */
export async function ratingHistory(db: Executor, personId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("competency_ratings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("person_id", "=", personId)
    .executeTakeFirstOrThrow();
  const ratings = await db
    .selectFrom("competency_ratings as r")
    .leftJoin("users as d", "d.id", "r.decided_by")
    .select([...ratingColumns, "d.name as decidedByName"])
    .where("r.person_id", "=", personId)
    .orderBy("r.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { ratings, total: Number(n) };
}

/** One of this person's ratings with its confirmation steps; undefined if it is not theirs. */
export async function getRating(db: Executor, personId: number, ratingId: number) {
  const rating = await db
    .selectFrom("competency_ratings as r")
    .select(ratingColumns)
    .where("r.person_id", "=", personId)
    .where("r.id", "=", ratingId)
    .executeTakeFirst();
  if (!rating) return undefined;
  const reviews = await db
    .selectFrom("rating_reviews as v")
    .innerJoin("users as u", "u.id", "v.actor_id")
    .select(["v.id", "v.action", "v.comment", "v.at", "u.name as actorName"])
    .where("v.rating_id", "=", ratingId)
    .orderBy("v.id")
    .execute();
  return { ...rating, reviews };
}

/**
 * Asks for, confirms or returns a rating, following the rating workflow. Only the latest rating of a competency
 * moves: an older one has been replaced. Checked inside the transaction, so two decisions at once cannot both win.
 */
export async function decideRating(
  db: Executor,
  owner: Owner,
  ratingId: number,
  step: { action: RatingAction; role: DevelopmentRole; comment: string | null },
  actor: Actor & { id: number },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  return db.transaction().execute(async (trx) => {
    const rating = await trx
      .selectFrom("competency_ratings")
      .select(["id", "status", "competency_id"])
      .where("id", "=", ratingId)
      .where("person_id", "=", owner.id)
      .$call(lockForUpdate)
      .executeTakeFirst();
    if (!rating) return { ok: false, reason: "Rating not found" };
    const newer = await trx
      .selectFrom("competency_ratings")
      .select("id")
      .where("person_id", "=", owner.id)
      .where("competency_id", "=", rating.competency_id)
      .where("id", ">", ratingId)
      .executeTakeFirst();
    if (newer) return { ok: false, reason: "A newer rating of this competency has replaced this one." };
    const moved = ratingWorkflow.transition(rating.status, step.action, step.role, step.comment);
    if (!moved.ok) return moved;
    const at = nowIso();
    const decided =
      step.action === "request" ? { decided_by: null, decided_at: null } : { decided_by: actor.id, decided_at: at };
    await trx
      .updateTable("competency_ratings")
      .set({ status: moved.next, ...decided })
      .where("id", "=", ratingId)
      .execute();
    await trx
      .insertInto("rating_reviews")
      .values({ rating_id: ratingId, action: step.action, comment: step.comment, actor_id: actor.id, at })
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "competency_rating",
      entityId: ratingId,
      action: step.action,
      before: { status: rating.status },
      after: { status: moved.next, comment: step.comment },
      ip: actor.ip,
    });
    return { ok: true };
  });
}

/**
 * Ratings waiting for a supervisor to confirm, among the given people (a supervisor's supervisees), oldest first:
 * the home page lists them and the notifications job tells supervisors about those that have waited too long.
 */
export async function ratingsAwaitingSupervisor(
  db: Executor,
  personIds: readonly number[],
  page: { page: number; pageSize: number },
) {
  if (personIds.length === 0) return { ratings: [], total: 0 };
  const waiting = db
    .selectFrom("competency_ratings as r")
    .where("r.status", "=", "awaiting-confirmation")
    .where("r.person_id", "in", [...personIds])
    // A rating replaced by a newer one of the same competency waits for nobody.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("competency_ratings as newer")
            .select("newer.id")
            .whereRef("newer.person_id", "=", "r.person_id")
            .whereRef("newer.competency_id", "=", "r.competency_id")
            .whereRef("newer.id", ">", "r.id"),
        ),
      ),
    );
  const { n } = await waiting.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const ratings = await waiting
    .innerJoin("users as u", "u.id", "r.person_id")
    .select([
      "r.id",
      "r.competency_id as competencyId",
      "r.level",
      "r.rated_at as ratedAt",
      "u.id as personId",
      "u.name",
    ])
    // When it was last sent for confirmation: how long it has waited (the notifications job).
    .select((eb) =>
      eb
        .selectFrom("rating_reviews as v")
        .select((v) => v.fn.max("v.at").as("at"))
        .whereRef("v.rating_id", "=", "r.id")
        .where("v.action", "=", "request")
        .as("requestedAt"),
    )
    .orderBy("r.rated_at")
    .orderBy("r.id")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { ratings, total: Number(n) };
}
