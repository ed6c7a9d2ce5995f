/**
 * The notification job (ADR 0015), as `npm run notify` and the server's schedule run it: PCN by PCN, find what needs
 * attention, store each new notice once, then send each person in the PCN one digest of everything not yet emailed
 * to them. A failed send leaves its notices pending for the next run.
 */
import { composeDigest, type NoticeDraft } from "~/domain/notices";
import { todayInLondon } from "~/domain/training-status";
import type { DB } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createMailer, type Mailer } from "~/lib/mailer.server";
import { mailSettingsOf, type MailSettings } from "~/lib/notify-settings.server";
import { pcnIdsAfter, pcnTeam } from "~/models/notice-facts.server";
import { pendingDigests, recordNotices, settleEmail } from "~/models/notices.server";
import { NOTICE_FINDERS } from "./notices/finders";
import type { FinderContext } from "./notices/team";

export interface NotifyOptions {
  now?: Date;
  /** The SMTP server and link base; null for in-app notices only. Defaults to the settings. */
  mail?: MailSettings | null;
  reviewWaitDays?: number;
}

export interface NotifyReport {
  pcns: number;
  notices: number;
  emailsSent: number;
  emailsFailed: number;
  /** Why each failed send failed, as "email address: reason". */
  failures: string[];
}

const PCN_PAGE = 100;
const DAY_MS = 86_400_000;

export async function runNotifications(db: DB, options: NotifyOptions = {}): Promise<NotifyReport> {
  const now = options.now ?? new Date();
  const mail = options.mail === undefined ? mailSettingsOf(env()) : options.mail;
  const reviewWaitDays = options.reviewWaitDays ?? env().NOTIFY_REVIEW_WAIT_DAYS;
  const today = todayInLondon(now);
  const reviewWaitedSince = new Date(now.getTime() - reviewWaitDays * DAY_MS).toISOString();
  const report: NotifyReport = { pcns: 0, notices: 0, emailsSent: 0, emailsFailed: 0, failures: [] };
  const mailer = mail ? createMailer(mail) : null;
  try {
    let after = 0;
    for (;;) {
      const page = await pcnIdsAfter(db, after, PCN_PAGE);
      if (page.length === 0) break;
      for (const pcnId of page) {
        const team = await pcnTeam(db, pcnId, today);
        const context: FinderContext = { db, team, today, reviewWaitedSince };
        const drafts: NoticeDraft[] = [];
        for (const find of NOTICE_FINDERS) drafts.push(...(await find(context)));
        report.notices += await db.transaction().execute((trx) => recordNotices(trx, drafts, mailer !== null));
        if (mailer && mail) await sendDigests(db, mailer, mail.baseUrl, [...team.members.keys()], report);
        report.pcns += 1;
      }
      after = page[page.length - 1]!;
    }
  } finally {
    mailer?.close();
  }
  return report;
}

async function sendDigests(
  db: DB,
  mailer: Mailer,
  baseUrl: string,
  recipientIds: readonly number[],
  report: NotifyReport,
): Promise<void> {
  for (const { recipient, notices } of await pendingDigests(db, recipientIds)) {
    const ids = notices.map((n) => n.id);
    if (!recipient.wantsEmail || !recipient.active) {
      await settleEmail(db, ids, { status: "opted-out" });
      continue;
    }
    try {
      await mailer.send({ to: recipient.email, ...composeDigest(recipient.name, notices, baseUrl) });
      await settleEmail(db, ids, { status: "sent" });
      report.emailsSent += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await settleEmail(db, ids, { status: "failed", error: reason });
      report.emailsFailed += 1;
      report.failures.push(`${recipient.email}: ${reason}`);
    }
  }
}

export function describeNotify(report: NotifyReport): string {
  return [
    `${report.pcns} PCNs checked`,
    `${report.notices} new notifications`,
    `${report.emailsSent} digests emailed`,
    `${report.emailsFailed} failed (retried next run)`,
  ].join(", ");
}
