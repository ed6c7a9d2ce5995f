import { canManagePerson, canMovePeopleBetweenPcns, canViewPerson, type Viewer } from "~/domain/permissions";
import { listPcns } from "~/models/pcn.server";
import { getPerson, type Person } from "~/models/user.server";
import { getContent } from "~/content/index.server";
import { notFound, type CurrentUser } from "./auth.server";
import { getDb } from "~/lib/db.server";
import { APP_ROLE_LABELS } from "~/domain/vocabulary";
import { grantableRoles } from "~/forms/person.server";

/**
 * The person behind a route id, or a 404 whether they do not exist or this user may not see them. The user's own
 * record comes from the request's signed-in user rather than a second read.
 */
export async function personFor(
  user: CurrentUser,
  id: number | null,
  need: "view" | "manage" = "view",
): Promise<Person> {
  const viewer = user.viewer;
  const person = id === user.person.id ? user.person : id === null ? null : await getPerson(getDb(), id);
  // A purged person's emptied row is kept only so other people's records still resolve; it has no page.
  if (!person || person.purged) throw notFound();
  const allowed = need === "view" ? canViewPerson(viewer, person) : canManagePerson(viewer, person);
  if (!allowed) throw notFound();
  return person;
}

/** Choices for the person form, limited to what this viewer may set. */
export async function personFormOptions(viewer: Viewer) {
  const content = getContent();
  const pcns = canMovePeopleBetweenPcns(viewer)
    ? (await listPcns(getDb())).map((p) => ({ value: String(p.id), label: p.name }))
    : null;
  return {
    jobRoles: content.roles.roles.map((r) => ({ value: r.id, label: r.title })),
    pcns,
    roles: grantableRoles(viewer).map((r) => ({ value: r, label: APP_ROLE_LABELS[r] })),
  };
}
