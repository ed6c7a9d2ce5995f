/** Changing a PCN: administrators only, every field checked, nothing changed on bad input, every change audited. */
import { beforeAll, describe, expect, it } from "vitest";
import * as pcnEdit from "~/routes/admin.pcns_.$pcnId";
import * as pcnList from "~/routes/admin.pcns";
import { getPcn } from "~/models/pcn.server";
import { getDb } from "~/lib/db.server";
import { makePcn, makePerson, makeTeam } from "../../scripts/lib/factories";
import { auditCount } from "./access-table";
import { cookieFor, load, submit } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makePcn>>;
let adminCookie: string;

beforeAll(async () => {
  team = await makeTeam(getDb());
  other = await makePcn(getDb(), { odsCode: "U55555" });
  adminCookie = await cookieFor((await makePerson(getDb(), { roles: ["admin"], jobRole: null })).id);
});

const change = (pcnId: number, fields: Record<string, string>, cookie = adminCookie) =>
  submit(pcnEdit.action, `/admin/pcns/${pcnId}`, fields, { cookie, params: { pcnId: String(pcnId) } });

describe("changing a PCN", () => {
  it.each([
    [{ name: "", odsCode: "U12345" }, { name: "Enter the PCN's name" }],
    [
      { name: "Riverside", odsCode: "12345" },
      { odsCode: "Enter the ODS code in the correct format: U followed by 5 numbers, like U12345" },
    ],
    [
      { name: "Riverside", odsCode: "U1234" },
      { odsCode: "Enter the ODS code in the correct format: U followed by 5 numbers, like U12345" },
    ],
    [{ name: "Riverside", odsCode: "" }, { odsCode: "Enter the PCN's ODS code" }],
    [
      { name: "River\u202eside", odsCode: "U12345" },
      { name: "Name must be on one line, without hidden or control characters" },
    ],
    [
      { name: "Riverside", odsCode: "U12345", icsName: "North\nICS" },
      { icsName: "ICS name must be on one line, without hidden or control characters" },
    ],
    [{ name: "Riverside", odsCode: "U55555" }, { odsCode: "Another PCN already has this ODS code" }],
    [
      { name: "Riverside\u0000", odsCode: "U12345" },
      { name: "This answer contains a hidden character that cannot be saved. Type it again" },
    ],
  ])("refuses %j with field errors and changes nothing", async (fields, errors) => {
    const before = await getPcn(getDb(), team.pcn.id);
    const audits = await auditCount();
    const outcome = await change(team.pcn.id, fields);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual(errors);
    expect(await getPcn(getDb(), team.pcn.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("saves a good change, upper-casing the ODS code, and audits what it was", async () => {
    const before = await getPcn(getDb(), team.pcn.id);
    const outcome = await change(team.pcn.id, {
      name: "Riverside and Meadows PCN",
      odsCode: "u24680",
      icsName: "North ICS",
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/admin/pcns");
    expect(outcome.flash?.message).toBe("Riverside and Meadows PCN: details saved");
    expect(await getPcn(getDb(), team.pcn.id)).toEqual({
      id: team.pcn.id,
      name: "Riverside and Meadows PCN",
      odsCode: "U24680",
      icsName: "North ICS",
    });
    const entry = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "pcn")
      .where("entity_id", "=", String(team.pcn.id))
      .where("action", "=", "update")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!)).toEqual({
      name: before!.name,
      odsCode: before!.odsCode,
      icsName: before!.icsName,
    });
    expect(JSON.parse(entry.after_json!)).toEqual({
      name: "Riverside and Meadows PCN",
      odsCode: "U24680",
      icsName: "North ICS",
    });
  });

  it("keeping its own ODS code is not a clash", async () => {
    expect((await change(other.id, { name: "Renamed", odsCode: "U55555" })).status).toBe(302);
  });

  it("adding a PCN checks the ODS code the same way", async () => {
    const outcome = await submit(
      pcnList.action,
      "/admin/pcns",
      { name: "New PCN", odsCode: "ABC" },
      { cookie: adminCookie },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.odsCode).toMatch(/^Enter the ODS code in the correct format/);
  });

  it("is for administrators only: everyone else, and unknown ids, get 404", async () => {
    for (const person of [team.lead, team.supervisor, team.coordinator]) {
      const cookie = await cookieFor(person.id);
      expect(
        (await load(pcnEdit.loader, `/admin/pcns/${team.pcn.id}`, { cookie, params: { pcnId: String(team.pcn.id) } }))
          .status,
      ).toBe(404);
      expect((await change(team.pcn.id, { name: "Taken over", odsCode: "U11111" }, cookie)).status).toBe(404);
    }
    expect(
      (await load(pcnEdit.loader, "/admin/pcns/999999", { cookie: adminCookie, params: { pcnId: "999999" } })).status,
    ).toBe(404);
    expect((await load(pcnEdit.loader, "/admin/pcns/x", { cookie: adminCookie, params: { pcnId: "x" } })).status).toBe(
      404,
    );
    expect((await getPcn(getDb(), team.pcn.id))!.name).not.toBe("Taken over");
  });
});
