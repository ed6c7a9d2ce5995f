import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditAction, AuditEntity } from "~/domain/vocabulary";
import {
  changePassword,
  enableSecondFactor,
  issuePasswordToken,
  redeemPasswordToken,
} from "~/models/credentials.server";
import * as audit from "~/routes/audit";
import * as adminPcns from "~/routes/admin.pcns";
import * as personPage from "~/routes/people.$personId._index";
import * as personEdit from "~/routes/people.$personId.edit";
import * as peopleNew from "~/routes/people.new";
import * as trainingPage from "~/routes/people.$personId.training._index";
import { findRequirement, getContent } from "~/content/index.server";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
let admin: Awaited<ReturnType<typeof makePerson>>;
let leadCookie: string;
let adminCookie: string;

beforeAll(async () => {
  team = await makeTeam(getDb());
  other = await makeTeam(getDb());
  admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
  leadCookie = await cookieFor(team.lead.id);
  adminCookie = await cookieFor(admin.id);
});

const latest = (entity: AuditEntity, entityId: number | string) =>
  getDb()
    .selectFrom("audit_log")
    .selectAll()
    .where("entity", "=", entity)
    .where("entity_id", "=", String(entityId))
    .orderBy("id", "desc")
    .executeTakeFirst();

describe("every kind of change leaves an audit row: who, what, before, after, when, from where", () => {
  it("creating, changing, deactivating a person and issuing a link", async () => {
    const created = await submit(
      peopleNew.action,
      "/people/new",
      { name: "Audit Person", email: "audit.person@test.example", roles: ["coordinator"], jobRole: "care-coordinator" },
      { cookie: leadCookie },
    );
    const id = Number(created.location!.split("/").pop());
    const create = await latest("user", id);
    expect(create).toMatchObject({ action: "create", actor_id: team.lead.id, pcn_id: team.pcn.id, ip: "127.0.0.1" });
    expect(JSON.parse(create!.after_json!)).toMatchObject({ name: "Audit Person", roles: ["coordinator"] });
    expect(Date.now() - Date.parse(create!.at)).toBeLessThan(60_000);

    await submit(
      personEdit.action,
      `/people/${id}/edit`,
      {
        name: "Audit Person Renamed",
        email: "audit.person@test.example",
        roles: ["coordinator"],
        jobRole: "care-coordinator",
      },
      { cookie: leadCookie, params: { personId: String(id) } },
    );
    const update = await latest("user", id);
    expect(update!.action).toBe("update");
    expect(JSON.parse(update!.before_json!).name).toBe("Audit Person");
    expect(JSON.parse(update!.after_json!).name).toBe("Audit Person Renamed");

    await submit(
      personPage.action,
      `/people/${id}`,
      { intent: "password-link" },
      { cookie: leadCookie, params: { personId: String(id) } },
    );
    expect((await latest("user", id))!.action).toBe("issue-password-link");
    await submit(
      personPage.action,
      `/people/${id}`,
      { intent: "deactivate", confirm: "yes" },
      { cookie: leadCookie, params: { personId: String(id) } },
    );
    expect(await latest("user", id)).toMatchObject({
      action: "deactivate",
      before_json: '{"active":true}',
      after_json: '{"active":false}',
    });
  });

  it("supervision arrangements, PCNs, passwords and two-step sign-in", async () => {
    await submit(
      personPage.action,
      `/people/${team.colleague.id}`,
      { intent: "add-arrangement", kind: "line-manager", arrangementPersonId: String(team.lead.id) },
      { cookie: leadCookie, params: { personId: String(team.colleague.id) } },
    );
    const arrangement = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "supervision_arrangement")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(arrangement).toMatchObject({ action: "create", actor_id: team.lead.id });

    await submit(adminPcns.action, "/admin/pcns", { name: "Audited PCN", odsCode: "U77777" }, { cookie: adminCookie });
    const pcn = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "pcn")
      .where("action", "=", "create")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(pcn.after_json!)).toMatchObject({ name: "Audited PCN", odsCode: "U77777" });

    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    await changePassword(getDb(), person.id, "a new long passphrase", { id: person.id, ip: "192.0.2.9" });
    expect(await latest("user", person.id)).toMatchObject({
      action: "change-password",
      actor_id: person.id,
      ip: "192.0.2.9",
    });
    const token = await issuePasswordToken(getDb(), person.id, { id: team.lead.id });
    await redeemPasswordToken(getDb(), token, "yet another long passphrase", "192.0.2.10");
    expect(await latest("user", person.id)).toMatchObject({ action: "set-password", ip: "192.0.2.10" });
    await enableSecondFactor(
      getDb(),
      person.id,
      { secret: "A".repeat(32), step: null, recoveryCodes: ["aaaa-bbbb-cccc"] },
      { id: person.id },
    );
    expect((await latest("user", person.id))!.action).toBe("enable-two-factor");
  });

  it("no password hash or secret ever reaches the audit trail", async () => {
    const rows = await getDb().selectFrom("audit_log").select(["before_json", "after_json"]).execute();
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toContain("A".repeat(32));
  });
});

describe("the audit trail is append-only", () => {
  it("the database refuses UPDATE and DELETE, even from the app's own connection", async () => {
    const row = await getDb().selectFrom("audit_log").select("id").limit(1).executeTakeFirstOrThrow();
    await expect(
      // An action no code writes, so the types refuse it: sent as raw SQL.
      getDb()
        .updateTable("audit_log")
        .set({ action: sql<AuditAction>`'forged'` })
        .where("id", "=", row.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(getDb().deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(getDb())).rejects.toThrow(/append-only/);
    expect(
      await getDb().selectFrom("audit_log").select("action").where("id", "=", row.id).executeTakeFirstOrThrow(),
    ).not.toEqual({ action: "forged" });
  });
});

describe("who sees the audit trail", () => {
  type Entry = {
    sentence: string;
    href: string | null;
    changes: { label: string; before: string | null; after: string | null }[];
  };
  const sentences = (outcome: { data: { entries: Entry[] } }) => outcome.data.entries.map((e) => e.sentence);

  it("admins see every PCN's entries; a lead only their own PCN's", async () => {
    await submit(
      personPage.action,
      `/people/${other.coordinator.id}`,
      { intent: "password-link" },
      { cookie: await cookieFor(other.lead.id), params: { personId: String(other.coordinator.id) } },
    );
    const elsewhere = `${other.lead.name} created a set-password link for ${other.coordinator.name}`;
    const asLead = await load(audit.loader, "/audit?entity=user", { cookie: leadCookie });
    expect(sentences(asLead)).not.toContain(elsewhere);
    expect(sentences(asLead).length).toBeGreaterThan(0);
    const asAdmin = await load(audit.loader, "/audit?entity=user&page=1", { cookie: adminCookie });
    expect(sentences(asAdmin)).toContain(elsewhere);
    expect(asAdmin.data.total).toBeGreaterThan(asLead.data.total);
  });

  it("reads as sentences naming people and records, links to the record, and shows changes by field label", async () => {
    const outcome = await load(audit.loader, "/audit?entity=user", { cookie: leadCookie });
    const renamed = outcome.data.entries.find(
      (e: Entry) => e.sentence === `${team.lead.name} changed Audit Person Renamed’s details`,
    );
    expect(renamed.href).toMatch(/^\/people\/\d+$/);
    expect(renamed.changes).toContainEqual({ label: "Name", before: "Audit Person", after: "Audit Person Renamed" });
    expect(sentences(outcome)).toContain(`${team.lead.name} deactivated Audit Person Renamed’s account`);
  });

  it("names training records by their training, never 'Training record 131', and people never by id", async () => {
    const params = { params: { personId: String(team.coordinator.id) } };
    const coordinatorCookie = await cookieFor(team.coordinator.id);
    await submit(
      trainingPage.action,
      "/x",
      { requirementId: "information-governance", status: "enrolled" },
      { cookie: coordinatorCookie, ...params },
    );
    const outcome = await load(audit.loader, "/audit?entity=training", { cookie: leadCookie });
    const entry = outcome.data.entries.find((e: Entry) =>
      e.sentence.startsWith(`${team.coordinator.name} added their`),
    );
    expect(entry.sentence).toBe(
      `${team.coordinator.name} added their ${findRequirement(getContent(), "information-governance")!.title} record`,
    );
    expect(entry.href).toMatch(new RegExp(`^/people/${team.coordinator.id}/training/\\d+$`));
    expect(entry.changes).toContainEqual({ label: "Status", before: null, after: "Enrolled" });
    const text = JSON.stringify(outcome.data.entries);
    expect(text).not.toMatch(/Training record \d|information-governance|"enrolled"/);
  });

  it("filters by person: what they did and what was done to their records", async () => {
    const outcome = await load(audit.loader, `/audit?person=${team.coordinator.id}`, { cookie: leadCookie });
    expect(outcome.data.total).toBeGreaterThan(0);
    for (const sentence of sentences(outcome)) expect(sentence).toContain(team.coordinator.name);
    expect(outcome.data.people.map((p: { label: string }) => p.label)).toContain(team.coordinator.name);
    // Someone in another PCN is not a choice for this lead, so the filter is ignored rather than leaking their entries.
    const guessed = await load(audit.loader, `/audit?person=${other.coordinator.id}`, { cookie: leadCookie });
    expect(sentences(guessed)).not.toContain(
      `${other.lead.name} created a set-password link for ${other.coordinator.name}`,
    );
  });

  it("filters by record type and date", async () => {
    const onlyPcns = await load(audit.loader, "/audit?entity=pcn", { cookie: adminCookie });
    expect(onlyPcns.data.entries.length).toBeGreaterThan(0);
    expect(sentences(onlyPcns).every((s: string) => / the PCN /.test(s))).toBe(true);
    const future = await load(audit.loader, "/audit?from-day=1&from-month=1&from-year=2999", { cookie: adminCookie });
    expect(future.data.total).toBe(0);
    expect(future.data.errors).toBeUndefined();
  });
});
