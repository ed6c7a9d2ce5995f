/**
 * The notification job (issue 14 item 1) against a real SMTP server on loopback: each person gets one digest about
 * what concerns them (their own records, their supervisees', their PCN as counts), once per threshold; opting out
 * of email keeps the in-app list; a re-run sends nothing new; a failed send is retried on the next run; STARTTLS is
 * required when configured. Development goals overdue and ratings waiting for confirmation are told the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "~/domain/format";
import { addCalendarDays, addCalendarMonths, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import type { MailSettings } from "~/lib/notify-settings.server";
import { env } from "~/lib/env.server";
import { createGoal } from "~/models/goals.server";
import { decideRating, rateCompetency } from "~/models/ratings.server";
import { purgePerson } from "~/models/retention.server";
import { recordMeeting } from "~/models/supervision.server";
import { setActive } from "~/models/user.server";
import * as account from "~/routes/account._index";
import * as notificationsPage from "~/routes/notifications";
import * as root from "~/root";
import { runNotifications } from "~/services/notify.server";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { startSmtpSink, testCertificate, type SmtpSink } from "../support/smtp-sink";
import { cookieFor, load, submit } from "./harness";

const BASE = "https://portfolio.example-pcn.nhs.uk";
const DAY_MS = 86_400_000;
const now = new Date();
const today = todayInLondon(now);
const later = (days: number) => new Date(now.getTime() + days * DAY_MS);

let sink: SmtpSink;
const plain = (): MailSettings => ({
  host: "127.0.0.1",
  port: sink.port,
  security: "none",
  from: "care-portfolio@example-pcn.nhs.uk",
  baseUrl: BASE,
});

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

/** A PCN with a lead, a supervisor, and Asha (a care coordinator they supervise) and Ben (nobody supervises him). */
async function makeTeam() {
  const db = getDb();
  const pcn = await makePcn(db);
  const n = pcn.id;
  const person = (name: string, roles: ("lead" | "supervisor" | "coordinator")[], jobRole: string | null) =>
    makePerson(db, {
      pcnId: pcn.id,
      name,
      email: `${name.split(" ")[0]!.toLowerCase()}.${n}@example-pcn.nhs.uk`,
      roles,
      jobRole,
    });
  const lead = await person("Lena Lead", ["lead"], null);
  const supervisor = await person("Sam Supervisor", ["supervisor"], null);
  const asha = await person("Asha Patel", ["coordinator"], "care-coordinator");
  const ben = await person("Ben Okafor", ["coordinator"], "care-coordinator");
  await makeArrangement(db, asha, supervisor.id);
  return { pcn, lead, supervisor, asha, ben };
}

/** Information governance (renewed every 12 months) expiring `days` days from today. */
const expiringIn = (days: number) => addCalendarMonths(addCalendarDays(today, days), -12);

/** The requirement's title in content/training-requirements.json. */
const IG = "Data security awareness (information governance) level 1";

const mailTo = (email: string) => sink.received.filter((m) => m.to.includes(email));

async function noticesOf(recipientId: number) {
  return getDb().selectFrom("notices").selectAll().where("recipient_id", "=", recipientId).orderBy("id").execute();
}

describe("notification digests", () => {
  it("tell each person once, in one digest, about their own records, their supervisees' and their PCN's", async () => {
    const db = getDb();
    const team = await makeTeam();
    const { asha, supervisor, lead, ben } = team;
    await makeTraining(db, asha, "information-governance", { completedOn: expiringIn(25) });
    // Asha records a meeting herself: it waits for Sam to confirm it, so it does not count yet.
    await recordMeeting(
      db,
      asha,
      {
        supervisorId: supervisor.id,
        metOn: addCalendarDays(today, -3),
        minutes: 45,
        mode: "virtual",
        topics: "Caseload",
        patientConcerns: false,
        safeguardingConcerns: false,
        actions: "None",
      },
      { id: asha.id, ip: null },
      false,
    );
    await makeEvidence(db, asha, { title: "Planning a discharge <home>" }, { outcome: "submitted" });

    const first = await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    expect(first.emailsFailed).toBe(0);

    const expiry = addCalendarDays(today, 25);
    const [ashaMail, ...moreForAsha] = mailTo(asha.email);
    expect(moreForAsha).toEqual([]);
    expect(ashaMail!.subject).toBe("Care Portfolio: 2 things need your attention");
    expect(ashaMail!.text).toContain("About you");
    expect(ashaMail!.text).toContain(`Your ${IG} expires on ${formatDate(expiry)}, in 25 days`);
    expect(ashaMail!.text).toContain(`${BASE}/people/${asha.id}/training`);
    expect(ashaMail!.text).toContain("Your supervision is overdue");
    expect(ashaMail!.text).not.toContain("meeting");
    expect(ashaMail!.html).toContain(`<a href="${BASE}/people/${asha.id}/training">Your ${IG} expires`);
    expect(ashaMail!.text).toContain(`${BASE}/account`);

    const [samMail, ...moreForSam] = mailTo(supervisor.email);
    expect(moreForSam).toEqual([]);
    expect(samMail!.subject).toBe("Care Portfolio: 3 things need your attention");
    expect(samMail!.text).toContain("People you supervise");
    expect(samMail!.text).toContain(`Asha Patel’s ${IG} expires on ${formatDate(expiry)}`);
    expect(samMail!.text).toContain("Asha Patel’s supervision is overdue");
    expect(samMail!.text).toContain("Asha Patel recorded a supervision meeting on");
    // Submitted just now: not yet waiting longer than 7 days.
    expect(samMail!.text).not.toContain("evidence");

    const [leadMail, ...moreForLead] = mailTo(lead.email);
    expect(moreForLead).toEqual([]);
    expect(leadMail!.text).toContain("Your PCN");
    expect(leadMail!.text).toContain("1 training record expiring or expired");
    expect(leadMail!.text).toContain("1 person due or overdue for supervision");
    expect(leadMail!.text).toContain("1 supervision meeting awaiting confirmation");
    expect(leadMail!.text).toContain(`${BASE}/dashboard`);
    expect(leadMail!.text).not.toContain("Asha");

    // Ben has nobody to supervise him and no training that expires: nothing to tell him.
    expect(mailTo(ben.email)).toEqual([]);
    expect((await noticesOf(asha.id)).map((n) => [n.kind, n.threshold, n.email_status])).toEqual([
      ["training-expiry", "30", "sent"],
      ["supervision-due", "overdue", "sent"],
    ]);
    expect((await noticesOf(asha.id))[0]!.item_key).toBe(`training:${asha.id}:information-governance:${expiry}`);

    // The same day again: nothing new to anyone.
    const before = sink.received.length;
    const again = await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    expect(again.notices).toBe(0);
    expect(sink.received.length).toBe(before);

    // Eight days on: the evidence has waited longer than 7 days; the training is still within its 30-day threshold.
    await runNotifications(db, { now: later(8), mail: plain(), reviewWaitDays: 7 });
    expect(mailTo(asha.email)).toHaveLength(1);
    const samSecond = mailTo(supervisor.email)[1]!;
    expect(samSecond.subject).toBe("Care Portfolio: 1 thing needs your attention");
    expect(samSecond.text).toContain("Asha Patel’s evidence “Planning a discharge <home>” has waited for review since");
    expect(samSecond.html).toContain("“Planning a discharge &lt;home&gt;”");
    expect(mailTo(lead.email)[1]!.text).toContain("1 piece of evidence waiting for review");

    // Twenty days on, 5 days are left: the 7-day threshold is a new notice for all three.
    await runNotifications(db, { now: later(20), mail: plain(), reviewWaitDays: 7 });
    expect(mailTo(asha.email)).toHaveLength(2);
    expect(mailTo(asha.email)[1]!.text).toContain(`Your ${IG} expires on ${formatDate(expiry)}, in 5 days`);
    expect(mailTo(supervisor.email)).toHaveLength(3);
    expect(mailTo(lead.email)).toHaveLength(3);
    expect((await noticesOf(asha.id)).map((n) => n.threshold)).toEqual(["30", "overdue", "7"]);
  });

  it("respect a person's choice not to get email, and keep their in-app list", async () => {
    const db = getDb();
    const { asha, supervisor } = await makeTeam();
    await makeTraining(db, asha, "information-governance", { completedOn: expiringIn(-2) });
    const cookie = await cookieFor(asha.id);

    const refused = await submit(account.action, "/account", { intent: "email-notices" }, { cookie });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.emailNotices).toBe("Choose whether you want an email when you have new notifications");

    const chosen = await submit(
      account.action,
      "/account",
      { intent: "email-notices", emailNotices: "no" },
      { cookie },
    );
    expect(chosen.location).toBe("/account");
    expect((await load(account.loader, "/account", { cookie })).data.emailNotices).toBe(false);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("entity", "=", "user")
      .where("entity_id", "=", String(asha.id))
      .where("action", "=", "change-email-notices")
      .execute();
    expect(audit).toEqual([{ action: "change-email-notices", after_json: JSON.stringify({ emailNotices: false }) }]);

    await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    expect(mailTo(asha.email)).toEqual([]);
    expect(mailTo(supervisor.email)).toHaveLength(1);
    expect(mailTo(supervisor.email)[0]!.text).toContain(
      `Asha Patel’s ${IG} expired on ${formatDate(addCalendarDays(today, -2))}`,
    );

    const page = await load(notificationsPage.loader, "/notifications", { cookie });
    expect(page.data.unread).toBe(2);
    expect(
      page.data.notices.map((n: { title: string; emailStatus: string }) => [n.title.split(" on ")[0], n.emailStatus]),
    ).toEqual([
      ["Your supervision is overdue: it was due by 6 February 2025", "opted-out"],
      [`Your ${IG} expired`, "opted-out"],
    ]);
    expect((await load(root.loader, "/notifications", { cookie })).data.unreadNotices).toBe(2);

    // Reading them clears the header's count; a form with anything else is refused and changes nothing.
    const odd = await submit(notificationsPage.action, "/notifications", { intent: "delete-everything" }, { cookie });
    expect(odd.status).toBe(400);
    expect(odd.data.errors.form).toBe("Choose what to do with your notifications");
    expect((await load(root.loader, "/", { cookie })).data.unreadNotices).toBe(2);
    const read = await submit(notificationsPage.action, "/notifications", { intent: "mark-all-read" }, { cookie });
    expect(read.location).toBe("/notifications");
    expect(read.flash?.message).toBe("Notifications marked as read");
    expect((await load(root.loader, "/", { cookie })).data.unreadNotices).toBe(0);
    // Each person sees only their own.
    const samPage = await load(notificationsPage.loader, "/notifications", { cookie: await cookieFor(supervisor.id) });
    expect(samPage.data.notices.every((n: { title: string }) => n.title.startsWith("Asha Patel"))).toBe(true);
    expect((await load(notificationsPage.loader, "/notifications")).status).toBe(302);
  });

  it("keep a notice whose email failed and send it on the next run", async () => {
    const db = getDb();
    const { asha } = await makeTeam();
    await makeTraining(db, asha, "information-governance", { completedOn: expiringIn(60) });
    sink.refuse.add(asha.email);
    const failed = await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    expect(failed.emailsFailed).toBe(1);
    expect(failed.failures.join()).toContain(asha.email);
    expect(mailTo(asha.email)).toEqual([]);
    const pending = await noticesOf(asha.id);
    expect(pending.map((n) => [n.threshold, n.email_status, n.email_attempts])).toEqual([
      ["60", "pending", 1],
      ["overdue", "pending", 1],
    ]);
    expect(pending[0]!.email_error).toContain("Mailbox unavailable");

    sink.refuse.delete(asha.email);
    const retried = await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    expect(retried.notices).toBe(0);
    const [mail, ...more] = mailTo(asha.email);
    expect(more).toEqual([]);
    expect(mail!.text).toContain(`Your ${IG} expires on ${formatDate(addCalendarDays(today, 60))}, in 60 days`);
    expect(mail!.text).toContain("Your supervision is overdue");
    expect((await noticesOf(asha.id)).map((n) => [n.email_status, n.email_attempts, n.email_error])).toEqual([
      ["sent", 2, null],
      ["sent", 2, null],
    ]);
  });

  it("record notices in the app only when no SMTP server is set", async () => {
    const db = getDb();
    const { asha } = await makeTeam();
    const before = sink.received.length;
    await runNotifications(db, { now, mail: null, reviewWaitDays: 7 });
    expect(sink.received.length).toBe(before);
    expect((await noticesOf(asha.id)).map((n) => [n.kind, n.email_status])).toEqual([["supervision-due", "email-off"]]);
  });
});

describe("development goals and self-assessment ratings", () => {
  const goal = (targetDate: string) => ({
    title: "Lead a group session",
    reason: "People could support each other.",
    competencyIds: ["pc-1"],
    methods: ["shadowing" as const],
    trainingRequirementId: null,
    howDetails: null,
    targetDate,
  });
  const PLANNING = "Personalised care and support planning";

  it("tell of a goal once it is overdue, and of a rating once it has waited longer than the review wait, once each", async () => {
    const db = getDb();
    const { asha, supervisor, lead, ben } = await makeTeam();
    const overdue = await createGoal(db, asha, goal(addCalendarDays(today, -3)), { id: asha.id });
    const dueSoon = await createGoal(db, asha, goal(addCalendarDays(today, 10)), { id: asha.id });
    const ratingId = await rateCompetency(
      db,
      asha,
      { competencyId: "pc-2", level: "competent", note: null },
      { framework: "test", scale: "test" },
      { id: asha.id },
    );
    const ask = () =>
      decideRating(db, asha, ratingId, { action: "request", role: "owner", comment: null }, { id: asha.id });
    await ask();

    await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 });
    const goalTitle = `development goal “Lead a group session” is overdue: it was due by ${formatDate(addCalendarDays(today, -3))}`;
    const [ashaMail, ...moreForAsha] = mailTo(asha.email);
    expect(moreForAsha).toEqual([]);
    expect(ashaMail!.text).toContain(`Your ${goalTitle}: ${BASE}/people/${asha.id}/development-plan/${overdue}`);
    expect(ashaMail!.html).toContain(
      `<a href="${BASE}/people/${asha.id}/development-plan/${overdue}">Your ${goalTitle}</a>`,
    );
    // Due in 10 days is not overdue; the rating was asked about just now.
    expect(ashaMail!.text).not.toContain(`development-plan/${dueSoon}`);
    const [samMail] = mailTo(supervisor.email);
    expect(samMail!.text).toContain(`Asha Patel’s ${goalTitle}`);
    expect(samMail!.text).not.toContain("self-assessment");
    expect(mailTo(lead.email)[0]!.text).toContain("1 development goal overdue");
    expect(mailTo(ben.email)).toEqual([]);

    // The same day again: nothing new.
    const before = sink.received.length;
    expect((await runNotifications(db, { now, mail: plain(), reviewWaitDays: 7 })).notices).toBe(0);
    expect(sink.received.length).toBe(before);

    // Eight days on the rating has waited longer than 7 days: the supervisor and the lead are told, not Asha.
    await runNotifications(db, { now: later(8), mail: plain(), reviewWaitDays: 7 });
    expect(mailTo(asha.email)).toHaveLength(1);
    const samSecond = mailTo(supervisor.email)[1]!;
    expect(samSecond.subject).toBe("Care Portfolio: 1 thing needs your attention");
    expect(samSecond.text).toContain(
      `Asha Patel’s self-assessment of “${PLANNING}” has waited for confirmation since ${formatDate(today)}: ${BASE}/people/${asha.id}/self-assessment/${ratingId}`,
    );
    expect(mailTo(lead.email)[1]!.text).toContain("1 self-assessment rating waiting for confirmation");
    const again = sink.received.length;
    expect((await runNotifications(db, { now: later(8), mail: plain(), reviewWaitDays: 7 })).notices).toBe(0);
    expect(sink.received.length).toBe(again);

    // Returned and asked about again: a new wait, told again once it is long enough.
    await decideRating(
      db,
      asha,
      ratingId,
      { action: "return", role: "supervisor", comment: "Add an example" },
      { id: supervisor.id },
    );
    await ask();
    // Twelve days on, the other goal has passed its target date too.
    await runNotifications(db, { now: later(12), mail: plain(), reviewWaitDays: 7 });
    expect(mailTo(asha.email)[1]!.text).toContain(`${BASE}/people/${asha.id}/development-plan/${dueSoon}`);
    expect(mailTo(supervisor.email)[2]!.text).toContain(`Asha Patel’s self-assessment of “${PLANNING}”`);
    const kinds = await db
      .selectFrom("notices")
      .select(["kind", "threshold"])
      .where("recipient_id", "=", supervisor.id)
      .where("kind", "in", ["goal-overdue", "rating-waiting"])
      .orderBy("id")
      .execute();
    expect(kinds.map((n) => `${n.kind} ${n.threshold}`)).toEqual([
      "goal-overdue overdue",
      "rating-waiting waiting",
      "goal-overdue overdue",
      "rating-waiting waiting",
    ]);
  });
});

describe("a leaver's purge", () => {
  it("deletes the notices to them and about them", async () => {
    const db = getDb();
    const { asha, supervisor, lead } = await makeTeam();
    await runNotifications(db, { now, mail: null, reviewWaitDays: 7 });
    const aboutAsha = () => db.selectFrom("notices").select("recipient_id").where("subject_id", "=", asha.id).execute();
    expect((await aboutAsha()).map((n) => n.recipient_id).sort()).toEqual([asha.id, supervisor.id, lead.id].sort());
    await setActive(db, asha.id, false, { id: lead.id });
    const purged = await purgePerson(db, env().DATA_DIR, asha.id, 0, { id: lead.id }, later(1));
    expect(purged).not.toBeNull();
    expect(await aboutAsha()).toEqual([]);
    expect(await noticesOf(asha.id)).toEqual([]);
  });
});

describe("STARTTLS", () => {
  const certificate = testCertificate();

  it("upgrades the connection before sending, and will not send in the clear when the server offers no STARTTLS", async () => {
    const db = getDb();
    const { asha } = await makeTeam();
    const noTls = await startSmtpSink();
    const tls = await startSmtpSink({ tls: certificate });
    try {
      const settings = (port: number): MailSettings => ({
        ...plain(),
        port,
        security: "starttls",
        caFile: certificate.certFile,
      });
      const refused = await runNotifications(db, { now, mail: settings(noTls.port), reviewWaitDays: 7 });
      expect(refused.emailsFailed).toBeGreaterThanOrEqual(1);
      expect(noTls.received).toEqual([]);
      expect((await noticesOf(asha.id)).map((n) => n.email_status)).toEqual(["pending"]);

      await runNotifications(db, { now, mail: settings(tls.port), reviewWaitDays: 7 });
      const mail = tls.received.filter((m) => m.to.includes(asha.email));
      expect(mail).toHaveLength(1);
      expect(mail[0]!.overTls).toBe(true);
      expect((await noticesOf(asha.id)).map((n) => n.email_status)).toEqual(["sent"]);
    } finally {
      await noTls.close();
      await tls.close();
    }
  });
});
