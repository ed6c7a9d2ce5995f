import type { Viewer } from "~/domain/permissions";
import type { NavItem } from "./Layout";

/** The header menu: each role sees the screens it can use. */
export function navigationFor(viewer: Viewer): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  const has = (role: Viewer["roles"][number]) => viewer.roles.includes(role);
  if (has("lead") || has("admin")) items.push({ href: "/people", label: "People" });
  if (has("lead") || has("admin")) items.push({ href: "/audit", label: "Audit trail" });
  if (has("admin")) items.push({ href: "/admin/pcns", label: "PCNs" });
  items.push({ href: "/account", label: "My account" });
  return items;
}
