import type { Viewer } from "~/domain/permissions";
import type { NavItem } from "./Layout";

/** The header menu: each role sees the screens it uses, in the order of its day. */
export function navigationFor(viewer: Viewer): NavItem[] {
  const has = (role: Viewer["roles"][number]) => viewer.roles.includes(role);
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  if (has("coordinator")) {
    const mine = `/people/${viewer.id}`;
    items.push(
      { href: `${mine}/evidence`, label: "Evidence" },
      { href: `${mine}/training`, label: "Training" },
      { href: `${mine}/cpd`, label: "CPD" },
      { href: `${mine}/supervision`, label: "Supervision" },
    );
  }
  if (has("supervisor")) items.push({ href: "/review", label: "Review" });
  if (has("lead") || has("admin")) items.push({ href: "/dashboard", label: "Dashboard" });
  if (has("lead") || has("admin"))
    items.push({ href: "/people", label: "People" }, { href: "/audit", label: "Audit trail" });
  if (has("admin")) items.push({ href: "/admin/pcns", label: "PCNs" });
  return items;
}
