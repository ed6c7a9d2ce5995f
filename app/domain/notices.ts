/**
 * Notifications (ADR 0015): what a notice is, when training reaches a threshold, and the words notices and digests
 * use. Pure: the finders (app/services/notices) decide what needs attention, the job stores and sends it.
 */
import { formatDate } from "./format";

/** What needs attention. One more kind is one more finder module and one more entry in each Record below. */
export type NoticeKind =
  | "training-expiry"
  | "supervision-due"
  | "meeting-unconfirmed"
  | "evidence-waiting"
  | "goal-overdue"
  | "rating-waiting"
  | "induction-incomplete";

/** Whose it is, as the recipient sees it: their own record, someone they supervise's, or their PCN's (leads). */
export type NoticeAudience = "own" | "supervisee" | "pcn";

/** Pending until its digest is sent; a failed send leaves it pending. */
export type NoticeEmailStatus = "pending" | "sent" | "opted-out" | "email-off";

/** Days before expiry at which people are told; each is told once, and once more when it has expired. */
export const TRAINING_THRESHOLDS = [90, 60, 30, 7] as const;

/** The nearest threshold reached with `daysLeft` to go: "expired" from the expiry date, null while more than 90. */
export function trainingThreshold(daysLeft: number): string | null {
  if (daysLeft <= 0) return "expired";
  const reached = TRAINING_THRESHOLDS.filter((days) => daysLeft <= days);
  return reached.length ? String(Math.min(...reached)) : null;
}

/** One notice for one recipient, before it is stored. */
export interface NoticeDraft {
  recipientId: number;
  subjectId: number | null;
  audience: NoticeAudience;
  kind: NoticeKind;
  itemKey: string;
  threshold: string;
  title: string;
  link: string;
}

/** "Your" for the person's own record, "Jack Thompson’s" for anyone else's. */
export const whose = (audience: NoticeAudience, name: string) => (audience === "own" ? "Your" : `${name}’s`);

export function trainingTitle(whoseWord: string, requirement: string, expiresOn: string, daysLeft: number): string {
  return daysLeft <= 0
    ? `${whoseWord} ${requirement} expired on ${formatDate(expiresOn)}`
    : `${whoseWord} ${requirement} expires on ${formatDate(expiresOn)}, in ${plural(daysLeft, "day")}`;
}

/** What became of a notice's email, as its owner reads it on the notifications page. */
export const NOTICE_EMAIL_STATUS_LABELS: Record<NoticeEmailStatus, string> = {
  pending: "Waiting to be emailed",
  sent: "Emailed",
  "opted-out": "Not emailed: you chose to see notifications here only",
  "email-off": "Not emailed",
};

export const NOTICE_AUDIENCE_HEADINGS: Record<NoticeAudience, string> = {
  own: "About you",
  supervisee: "People you supervise",
  pcn: "Your PCN",
};

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** A lead's PCN summary: how many of each kind, not every item. */
export const NOTICE_KIND_SUMMARIES: Record<NoticeKind, (n: number) => string> = {
  "training-expiry": (n) => `${plural(n, "training record")} expiring or expired`,
  "supervision-due": (n) => `${plural(n, "person", "people")} due or overdue for supervision`,
  "meeting-unconfirmed": (n) => `${plural(n, "supervision meeting")} awaiting confirmation`,
  "evidence-waiting": (n) => `${plural(n, "piece")} of evidence waiting for review`,
  "goal-overdue": (n) => `${plural(n, "development goal")} overdue`,
  "rating-waiting": (n) => `${plural(n, "self-assessment rating")} waiting for confirmation`,
  "induction-incomplete": (n) => `${plural(n, "induction")} not complete and due soon or overdue`,
};

export interface DigestNotice {
  audience: NoticeAudience;
  kind: NoticeKind;
  title: string;
  link: string;
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

interface DigestLine {
  text: string;
  link: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The digest's sections: the recipient's own items and supervisees' one by one, the PCN's as counts. */
function sections(notices: readonly DigestNotice[]): { heading: string; lines: DigestLine[] }[] {
  const order: NoticeAudience[] = ["own", "supervisee", "pcn"];
  return order.flatMap((audience) => {
    const mine = notices.filter((n) => n.audience === audience);
    if (mine.length === 0) return [];
    if (audience !== "pcn") {
      return [
        { heading: NOTICE_AUDIENCE_HEADINGS[audience], lines: mine.map(({ title, link }) => ({ text: title, link })) },
      ];
    }
    const counts = new Map<NoticeKind, number>();
    for (const n of mine) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    const lines = [...counts].map(([kind, n]) => ({ text: NOTICE_KIND_SUMMARIES[kind](n), link: "/dashboard" }));
    return [{ heading: NOTICE_AUDIENCE_HEADINGS.pcn, lines }];
  });
}

/** One email for one person: everything new for them, with plain-text and HTML parts and links into the app. */
export function composeDigest(recipientName: string, notices: readonly DigestNotice[], baseUrl: string): Digest {
  const url = (path: string) => new URL(path, baseUrl).toString();
  const parts = sections(notices);
  const subject = `Care Portfolio: ${plural(notices.length, "thing needs", "things need")} your attention`;
  const intro = `Dear ${recipientName},`;
  const lead = "These need your attention in Care Portfolio:";
  const footer = [
    `See all your notifications: ${url("/notifications")}`,
    `To stop these emails, change your choice on My account: ${url("/account")}. You will still see notifications when you sign in.`,
  ];
  const text = [
    intro,
    "",
    lead,
    ...parts.flatMap(({ heading, lines }) => ["", heading, ...lines.map((l) => `- ${l.text}: ${url(l.link)}`)]),
    "",
    ...footer,
    "",
  ].join("\n");
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    ...parts.map(
      ({ heading, lines }) =>
        `<h2>${escapeHtml(heading)}</h2><ul>${lines
          .map((l) => `<li><a href="${escapeHtml(url(l.link))}">${escapeHtml(l.text)}</a></li>`)
          .join("")}</ul>`,
    ),
    `<p><a href="${escapeHtml(url("/notifications"))}">See all your notifications</a></p>`,
    `<p>To stop these emails, change your choice on <a href="${escapeHtml(url("/account"))}">My account</a>. You will still see notifications when you sign in.</p>`,
  ].join("\n");
  return { subject, text, html };
}
