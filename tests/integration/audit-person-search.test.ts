/**
 * The audit trail's person filter past PEOPLE_IN_A_LIST people (a national deployment): a name typed, or part of it,
 * finds the person on the server within the viewer's PCN scope; several matches are offered to choose from; no match
 * is a field error; a small scope keeps its list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as audit from "~/routes/audit";
import { MATCHES_SHOWN, PEOPLE_IN_A_LIST } from "~/services/audit-person.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { insertUsers } from "../support/bulk-users";
import { cookieFor, load } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let big: Awaited<ReturnType<typeof makeTeam>>;
let adminCookie: string;
let bigLeadCookie: string;
let teamLeadCookie: string;

const FILLER = "Pat Example";
const filler = (n: number) => `${FILLER} ${String(n).padStart(4, "0")}`;

type Entry = { sentence: string };
const sentences = (outcome: { data: { entries: Entry[] } }) => outcome.data.entries.map((e) => e.sentence);

beforeAll(async () => {
  const db = getDb();
  team = await makeTeam(db);
  // A PCN bigger than a list can hold, so its lead searches too.
  big = await makeTeam(db);
  const admin = await makePerson(db, { roles: ["admin"], jobRole: null });
  const at = new Date().toISOString();
  // "Ann Lee" is part of "Joann Leeds": typing it whole must still find her.
  const names = [...Array.from({ length: PEOPLE_IN_A_LIST }, (_, i) => filler(i + 1)), "Ann Lee", "Joann Leeds"];
  const rows = names.map((name, i) => ({
    pcn_id: big.lead.pcnId,
    name,
    email: `pat.example.${i + 1}@test.example`,
    email_key: `pat.example.${i + 1}@test.example`,
    active: 1,
    totp_enabled: 0,
    email_notices: 1,
    created_at: at,
    updated_at: at,
  }));
  await insertUsers(db, rows);
  adminCookie = await cookieFor(admin.id);
  bigLeadCookie = await cookieFor(big.lead.id);
  teamLeadCookie = await cookieFor(team.lead.id);
});

describe("audit trail person filter at national size", () => {
  it("keeps the list for a PCN that fits in one, and offers a text field past it", async () => {
    const small = await load(audit.loader, "/audit", { cookie: teamLeadCookie });
    expect(small.data.personSearch).toBeNull();
    expect(small.data.people.map((p: { label: string }) => p.label)).toContain(team.coordinator.name);

    const national = await load(audit.loader, "/audit", { cookie: adminCookie });
    expect(national.data.personSearch).toEqual({ kind: "search", text: "" });
    expect(national.data.people).toEqual([]);
    expect(national.data.entries.length).toBeGreaterThan(0);
  });

  it("finds a person by their whole name, ignoring case, even when it is part of other names", async () => {
    const outcome = await load(audit.loader, `/audit?personName=${encodeURIComponent("ann lee")}`, {
      cookie: adminCookie,
    });
    expect(outcome.data.personSearch).toMatchObject({ kind: "search", text: "Ann Lee" });
    const coordinator = await load(
      audit.loader,
      `/audit?personName=${encodeURIComponent(` ${team.coordinator.name} `)}`,
      { cookie: adminCookie },
    );
    expect(coordinator.data.personSearch).toMatchObject({ kind: "search", personId: team.coordinator.id });
    expect(coordinator.data.entries.length).toBeGreaterThan(0);
    for (const sentence of sentences(coordinator)) expect(sentence).toContain(team.coordinator.name);
  });

  it("offers the people whose names match to choose from, and lists no entries until one is chosen", async () => {
    const few = await load(audit.loader, `/audit?personName=${encodeURIComponent("example 000")}`, {
      cookie: adminCookie,
    });
    expect(few.data.personSearch.kind).toBe("matches");
    expect(few.data.personSearch.matches.map((m: { name: string }) => m.name)).toEqual(
      Array.from({ length: 9 }, (_, i) => filler(i + 1)),
    );
    expect(few.data.personSearch.more).toBe(false);
    expect(few.data.entries).toEqual([]);

    const many = await load(audit.loader, `/audit?personName=${encodeURIComponent(FILLER)}`, { cookie: adminCookie });
    expect(many.data.personSearch.matches).toHaveLength(MATCHES_SHOWN);
    expect(many.data.personSearch.more).toBe(true);
  });

  it("chooses by id from a link, and then shows that person's name in the field", async () => {
    const outcome = await load(audit.loader, `/audit?person=${team.coordinator.id}&entity=user`, {
      cookie: adminCookie,
    });
    expect(outcome.data.personSearch).toEqual({
      kind: "search",
      text: team.coordinator.name,
      personId: team.coordinator.id,
    });
    for (const sentence of sentences(outcome)) expect(sentence).toContain(team.coordinator.name);
  });

  it("refuses a name nobody has with a message on the field, and matches LIKE's wildcards as themselves", async () => {
    for (const text of ["Nobody Here", "%", "_"]) {
      const outcome = await load(audit.loader, `/audit?personName=${encodeURIComponent(text)}`, {
        cookie: adminCookie,
      });
      expect(outcome.data.errors, text).toEqual({
        personName: `Nobody's name contains "${text}": check the spelling, or enter less of it`,
      });
      expect(outcome.data.entries).toEqual([]);
    }
    const long = await load(audit.loader, `/audit?personName=${"a".repeat(101)}`, { cookie: adminCookie });
    expect(long.data.errors).toEqual({ personName: "Name must be 100 characters or fewer" });
  });

  it("finds only people in a lead's own PCN, by name or by id", async () => {
    const ownName = await load(audit.loader, `/audit?personName=${encodeURIComponent(big.coordinator.name)}`, {
      cookie: bigLeadCookie,
    });
    expect(ownName.data.personSearch).toMatchObject({ kind: "search", personId: big.coordinator.id });

    const otherName = await load(audit.loader, `/audit?personName=${encodeURIComponent(team.coordinator.name)}`, {
      cookie: bigLeadCookie,
    });
    expect(otherName.data.errors?.personName).toMatch(/^Nobody's name contains/);
    expect(JSON.stringify(otherName.data)).not.toContain(`"personId":${team.coordinator.id}`);

    // A guessed id from another PCN is ignored, as an unknown filter value is: the trail shows everyone in the PCN.
    const guessed = await load(audit.loader, `/audit?person=${team.coordinator.id}`, { cookie: bigLeadCookie });
    expect(guessed.data.personSearch).toEqual({ kind: "search", text: "" });
    expect(sentences(guessed).join("\n")).not.toContain(team.coordinator.name);
  });
});
