import { supervisionStatusOf } from "~/content/compliance-rules.server";
import { jobRoleTitle } from "~/content/index.server";
import {
  canExportPersonalData,
  canManagePerson,
  canPurgeRecords,
  canResetSignIn,
  maySupervise,
  type Viewer,
} from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { APP_ROLE_LABELS } from "~/domain/vocabulary";
import type { Executor } from "~/models/audit.server";
import { supervisionFactsOf } from "~/models/supervision.server";
import { listArrangements, listPeople, type Person } from "~/models/user.server";
import { readinessFor } from "./compliance-readiness.server";
import { inductionProgressOf } from "./induction.server";

/** Everything the person page shows about someone this viewer may see: details, readiness, supervision, actions. */
export async function personOverview(db: Executor, viewer: Viewer, person: Person) {
  const canManage = canManagePerson(viewer, person);
  const colleagues =
    canManage && person.pcnId !== null
      ? (await listPeople(db, { pcns: { kind: "one", pcnId: person.pcnId }, page: 1, pageSize: 500 })).people.filter(
          (p) => p.id !== person.id,
        )
      : [];
  const [readiness] = person.jobRole
    ? await readinessFor(db, [{ id: person.id, name: person.name, jobRole: person.jobRole }], todayInLondon(new Date()))
    : [];
  const supervisionFacts = person.jobRole ? (await supervisionFactsOf(db, [person.id])).get(person.id) : undefined;
  return {
    readiness: readiness ?? null,
    supervision: supervisionFacts ? supervisionStatusOf(supervisionFacts, todayInLondon(new Date())) : null,
    induction: await inductionProgressOf(db, person.id),
    own: person.id === viewer.id,
    person: {
      ...person,
      jobRoleTitle: jobRoleTitle(person.jobRole),
      roleLabels: person.roles.map((r) => APP_ROLE_LABELS[r]),
    },
    arrangements: await listArrangements(db, person.id),
    canManage,
    canResetSignIn: canResetSignIn(viewer, person),
    canExportData: canExportPersonalData(viewer, person),
    canPurge: canPurgeRecords(viewer) && !person.active,
    colleagues: colleagues.map((c) => ({ id: c.id, name: c.name, isSupervisor: maySupervise(c) })),
  };
}
