import {
  canListPeople,
  canManagePcns,
  canReviewAnything,
  canViewAudit,
  canViewDashboard,
  keepsPortfolio,
  type Viewer,
} from "~/domain/permissions";
import type { AppPath } from "./kit/Link";
import type { NavItem } from "./Layout";

/**
 * The header menu: each role sees the screens it uses, in the order of its day. Built from the same predicates the
 * pages guard with, so no link leads to a page that answers "not found". A line manager appraises the people they
 * manage, a designated supervisor those with no line manager (ADR 0019): "Appraisals" lists them for one who cannot
 * find them through "People".
 */
export function navigationFor(viewer: Viewer, appraiseeIds: readonly number[]): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  if (keepsPortfolio(viewer)) {
    const mine: AppPath = `/people/${viewer.id}`;
    items.push(
      { href: `${mine}/evidence`, label: "Evidence" },
      { href: `${mine}/training`, label: "Training" },
      { href: `${mine}/cpd`, label: "CPD" },
      { href: `${mine}/supervision`, label: "Supervision" },
      { href: `${mine}/development`, label: "Development" },
    );
  }
  if (canReviewAnything(viewer)) items.push({ href: "/review", label: "Review" });
  if (appraiseeIds.length && !canListPeople(viewer)) items.push({ href: "/appraisals", label: "Appraisals" });
  if (canViewDashboard(viewer)) items.push({ href: "/dashboard", label: "Dashboard" });
  if (canListPeople(viewer)) items.push({ href: "/people", label: "People" });
  if (canViewAudit(viewer)) items.push({ href: "/audit", label: "Audit trail" });
  if (canManagePcns(viewer)) items.push({ href: "/admin/pcns", label: "PCNs" });
  return items;
}
