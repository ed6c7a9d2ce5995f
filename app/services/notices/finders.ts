/**
 * Every kind of notice, each found by its own small module. Development goals, ratings and induction will each be
 * one more finder here (and one more NoticeKind in app/domain/notices.ts) when those records exist.
 */
import { evidenceWaiting } from "./evidence-waiting";
import { goalsOverdue } from "./goals-overdue";
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
];
