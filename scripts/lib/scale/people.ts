/** Writes the PCNs, the people, their roles and supervision arrangements, each with the audit rows the models write. */
import type { ArrangementKind } from "../../../db/schema";
import { DAY_MS, isoTime } from "./clock";
import type { LoadContext } from "./context";
import type { Roster, RosterPerson, RosterStaff } from "./roster";

const MINUTE_MS = 60_000;

export function writePeople(load: LoadContext, roster: Roster, passwordHash: string): void {
  const pcnOf = new Map(roster.pcns.map((p) => [p.id, p]));
  for (const pcn of roster.pcns) {
    load.writer.insert("pcns", {
      id: pcn.id,
      name: pcn.name,
      ods_code: pcn.odsCode,
      ics_name: pcn.icsName,
      created_at: isoTime(pcn.createdMs),
    });
    load.audit(pcn.createdMs, null, {
      actorId: roster.benchAdminId,
      pcnId: pcn.id,
      entity: "pcn",
      entityId: pcn.id,
      action: "create",
      after: { name: pcn.name, odsCode: pcn.odsCode, icsName: pcn.icsName },
    });
  }
  for (const person of roster.others) {
    // Administrators come from the create-admin command (no actor); leads are added by an administrator and
    // supervisors by their lead.
    const lead = person.pcnId === null ? undefined : pcnOf.get(person.pcnId)!.leadId;
    const actorId = person.pcnId === null ? null : person.id === lead ? roster.benchAdminId : lead!;
    writePerson(load, person, passwordHash, actorId);
  }
  for (const staff of roster.staff) {
    writePerson(load, staff, passwordHash, staff.leadId);
    writeArrangements(load, staff);
    if (staff.deactivatedDay !== null) {
      load.audit(deactivatedMs(staff), staff.id, {
        actorId: staff.leadId,
        pcnId: staff.pcnId,
        entity: "user",
        entityId: staff.id,
        action: "deactivate",
        before: { active: true },
        after: { active: false },
      });
    }
  }
}

const deactivatedMs = (person: RosterPerson) => person.deactivatedDay! * DAY_MS + 17 * 3_600_000;

function writePerson(load: LoadContext, person: RosterPerson, passwordHash: string, actorId: number | null): void {
  const created = isoTime(person.createdMs);
  const deactivated = person.deactivatedDay === null ? null : isoTime(deactivatedMs(person));
  const startDate = person.startDay === null ? null : load.clock.date(person.startDay);
  load.writer.insert("users", {
    id: person.id,
    pcn_id: person.pcnId,
    name: person.name,
    email: person.email,
    email_key: person.email.toLowerCase(),
    job_role: person.jobRole,
    fte: person.fte,
    start_date: startDate,
    active: deactivated ? 0 : 1,
    password_hash: passwordHash,
    totp_secret: null,
    totp_enabled: 0,
    email_notices: 1,
    totp_last_step: null,
    created_at: created,
    updated_at: deactivated ?? created,
    deactivated_at: deactivated,
    purged_at: null,
    staff_number: null,
  });
  for (const role of person.roles) load.writer.insert("user_roles", { user_id: person.id, role });
  load.audit(person.createdMs, person.id, {
    actorId,
    pcnId: person.pcnId,
    entity: "user",
    entityId: person.id,
    action: "create",
    after: {
      pcnId: person.pcnId,
      name: person.name,
      email: person.email,
      jobRole: person.jobRole,
      fte: person.fte,
      startDate,
      roles: person.roles,
    },
  });
}

/** A designated supervisor and first point of contact, and the lead as line manager, from the start date. */
function writeArrangements(load: LoadContext, staff: RosterStaff): void {
  const startedOn = load.clock.date(staff.startDay);
  const made = (kind: ArrangementKind, personId: number, ms: number) => {
    const id = load.nextId("arrangement");
    load.writer.insert("supervision_arrangements", {
      id,
      staff_id: staff.id,
      person_id: personId,
      kind,
      started_on: startedOn,
      ended_on:
        kind === "supervisor" && staff.supervisorEndDay !== null ? load.clock.date(staff.supervisorEndDay) : null,
      created_by: staff.leadId,
      created_at: isoTime(ms),
    });
    load.audit(ms, staff.id, {
      actorId: staff.leadId,
      pcnId: staff.pcnId,
      entity: "supervision_arrangement",
      entityId: id,
      action: "create",
      after: { staffId: staff.id, personId, kind, startedOn, pcnId: staff.pcnId },
    });
    return id;
  };
  const supervision = made("supervisor", staff.supervisorId, staff.createdMs + MINUTE_MS);
  made("first-contact", staff.supervisorId, staff.createdMs + 2 * MINUTE_MS);
  made("line-manager", staff.leadId, staff.createdMs + 3 * MINUTE_MS);
  if (staff.supervisorEndDay !== null) {
    const endedOn = load.clock.date(staff.supervisorEndDay);
    load.audit(staff.supervisorEndDay * DAY_MS + 10 * 3_600_000, staff.id, {
      actorId: staff.leadId,
      pcnId: staff.pcnId,
      entity: "supervision_arrangement",
      entityId: supervision,
      action: "end",
      before: { endedOn: null },
      after: { endedOn },
    });
  }
}
