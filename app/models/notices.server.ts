/**
 * Notices (ADR 0015): what each person is told, kept as the in-app list and as the log of what was emailed. Storing
 * a notice again for the same recipient, item and threshold does nothing, so the job can run any number of times.
 */
import type { NoticeDraft, NoticeEmailStatus } from "~/domain/notices";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Stores the drafts not stored before, each waiting to be emailed when email is on and its recipient wants email.
 * Answers how many were new.
 */
export async function recordNotices(db: Executor, drafts: readonly NoticeDraft[], emailOn: boolean): Promise<number> {
  if (drafts.length === 0) return 0;
  const recipients = await db
    .selectFrom("users")
    .select(["id", "email_notices"])
    .where("id", "in", [...new Set(drafts.map((d) => d.recipientId))])
    .execute();
  const wantsEmail = new Set(recipients.filter((r) => r.email_notices === 1).map((r) => r.id));
  const statusOf = (recipientId: number): NoticeEmailStatus =>
    !emailOn ? "email-off" : wantsEmail.has(recipientId) ? "pending" : "opted-out";
  const createdAt = nowIso();
  let added = 0;
  for (const chunk of chunks(drafts, 200)) {
    const inserted = await db
      .insertInto("notices")
      .values(
        chunk.map((d) => ({
          recipient_id: d.recipientId,
          subject_id: d.subjectId,
          audience: d.audience,
          kind: d.kind,
          item_key: d.itemKey,
          threshold: d.threshold,
          title: d.title,
          link: d.link,
          created_at: createdAt,
          email_status: statusOf(d.recipientId),
        })),
      )
      .onConflict((oc) => oc.columns(["recipient_id", "item_key", "threshold"]).doNothing())
      .returning("id")
      .execute();
    added += inserted.length;
  }
  return added;
}

export interface PendingDigest {
  recipient: { id: number; name: string; email: string; wantsEmail: boolean; active: boolean };
  notices: { id: number; audience: NoticeDraft["audience"]; kind: NoticeDraft["kind"]; title: string; link: string }[];
}

/** Notices still to be emailed to these people (new ones, and any whose send failed before), one digest each. */
export async function pendingDigests(db: Executor, recipientIds: readonly number[]): Promise<PendingDigest[]> {
  const digests = new Map<number, PendingDigest>();
  for (const chunk of chunks(recipientIds, 500)) {
    const rows = await db
      .selectFrom("notices as n")
      .innerJoin("users as u", "u.id", "n.recipient_id")
      .select(["n.id", "n.audience", "n.kind", "n.title", "n.link", "u.id as recipientId", "u.name", "u.email"])
      .select(["u.email_notices as emailNotices", "u.active"])
      .where("n.email_status", "=", "pending")
      .where("n.recipient_id", "in", chunk)
      .orderBy("n.recipient_id")
      .orderBy("n.id")
      .execute();
    for (const { recipientId, name, email, emailNotices, active, ...notice } of rows) {
      const digest = digests.get(recipientId) ?? {
        recipient: { id: recipientId, name, email, wantsEmail: emailNotices === 1, active: active === 1 },
        notices: [],
      };
      digest.notices.push(notice);
      digests.set(recipientId, digest);
    }
  }
  return [...digests.values()];
}

/** Records what became of a digest's notices: sent, not sent because the person no longer wants email, or failed. */
export async function settleEmail(
  db: Executor,
  noticeIds: readonly number[],
  outcome: { status: "sent" | "opted-out" } | { status: "failed"; error: string },
): Promise<void> {
  for (const chunk of chunks(noticeIds, 500)) {
    const query = db.updateTable("notices").where("id", "in", chunk).where("email_status", "=", "pending");
    if (outcome.status === "failed") {
      // Still pending, so the next run tries again.
      await query
        .set((eb) => ({ email_attempts: eb("email_attempts", "+", 1), email_error: outcome.error.slice(0, 500) }))
        .execute();
    } else {
      await query
        .set((eb) => ({
          email_status: outcome.status,
          emailed_at: outcome.status === "sent" ? nowIso() : null,
          email_attempts: outcome.status === "sent" ? eb("email_attempts", "+", 1) : eb.ref("email_attempts"),
          email_error: null,
        }))
        .execute();
    }
  }
}

export const NOTICES_SHOWN = 200;

/** A person's notices, newest first (the latest NOTICES_SHOWN). */
export async function listNotices(db: Executor, recipientId: number) {
  const rows = await db
    .selectFrom("notices")
    .select(["id", "audience", "kind", "title", "link", "created_at as createdAt", "read_at as readAt"])
    .select(["email_status as emailStatus", "emailed_at as emailedAt"])
    .where("recipient_id", "=", recipientId)
    .orderBy("id", "desc")
    .limit(NOTICES_SHOWN)
    .execute();
  return rows.map((r) => ({ ...r, unread: r.readAt === null }));
}

export async function unreadNoticeCount(db: Executor, recipientId: number): Promise<number> {
  const { n } = await db
    .selectFrom("notices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks every unread notice of this person read; answers how many. */
export async function markNoticesRead(db: Executor, recipientId: number): Promise<number> {
  const result = await db
    .updateTable("notices")
    .set({ read_at: nowIso() })
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether the person gets digests by email; the in-app list is kept either way. Audited. */
export async function setEmailNotices(db: Executor, userId: number, wanted: boolean, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["email_notices", "pcn_id"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (before.email_notices === Number(wanted)) return;
    await trx
      .updateTable("users")
      .set({ email_notices: Number(wanted), updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: before.pcn_id,
      entity: "user",
      entityId: userId,
      action: "change-email-notices",
      before: { emailNotices: before.email_notices === 1 },
      after: { emailNotices: wanted },
      ip: actor.ip,
    });
  });
}

export async function wantsEmailNotices(db: Executor, userId: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("email_notices").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.email_notices === 1;
}
