/** Every kind of notice, each found by its own small module (and named by a NoticeKind in app/domain/notices.ts). */
import { evidenceWaiting } from "./evidence-waiting";
import { goalsOverdue } from "./goals-overdue";
import { inductionIncomplete } from "./induction-incomplete";
import { meetingsUnconfirmed } from "./meetings-unconfirmed";
import { ratingsWaiting } from "./ratings-waiting";
import { supervisionDue } from "./supervision-due";
import type { NoticeFinder } from "./team";
import { trainingExpiry } from "./training-expiry";

export const NOTICE_FINDERS: readonly NoticeFinder[] = [
  trainingExpiry,
  supervisionDue,
  meetingsUnconfirmed,
  evidenceWaiting,
  goalsOverdue,
  ratingsWaiting,
  inductionIncomplete,
];
