/**
 * Importing training from an ESR compliance export or the app's template: the preview, applying it, re-importing,
 * every malformed file, and who may import whose training. What changed is counted with the test's own SQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as page from "~/routes/dashboard_.import";
import * as template from "~/routes/dashboard_.import-template[.csv]";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makePerson } from "../../scripts/lib/factories";
import { getDb } from "~/lib/db.server";
import { describeAccess, makeWorld, type World } from "./access-table";
import { cookieFor, load, submitMultipart, type Outcome } from "./harness";
import { count } from "./independent-count";

const ESR_HEADER = "Employee Number,Email Address,Competency Name,Expiry Date,Date Start,Last Updated By";
const FIRE = "NHS|CSTF|Fire Safety - 2 Years|";
const IG = "NHS|CSTF|Information Governance and Data Security - 1 Year|";
const ADULTS = "NHS|CSTF|Safeguarding Adults - Level 2 - 3 Years|";
const OLIVER = "NHS|MAST|Oliver McGowan Mandatory Training on Learning Disability and Autism - Tier 1 - 3 Years|";

let world: World;
let lead: string;

const csv = (...lines: string[]) => new TextEncoder().encode(lines.join("\r\n") + "\r\n");

function upload(bytes: Uint8Array, cookie = lead, name = "esr-export.csv"): Promise<Outcome> {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "text/csv" }));
  return submitMultipart(page.action, "/dashboard/import", form, { cookie });
}

function confirm(previewed: Outcome, cookie = lead): Promise<Outcome> {
  const form = new FormData();
  form.set("intent", "apply");
  form.set("fileName", previewed.data.preview.fileName);
  form.set("fileData", previewed.data.fileData);
  form.set("fingerprint", previewed.data.preview.fingerprint);
  return submitMultipart(page.action, "/dashboard/import", form, { cookie });
}

/** Everything an import could change, read independently of the app's models. */
const snapshot = () => ({
  records: count("SELECT count(*) FROM training_records"),
  verified: count("SELECT count(*) FROM training_records WHERE verified_at IS NOT NULL"),
  audit: count("SELECT count(*) FROM audit_log"),
  imports: count("SELECT count(*) FROM training_imports"),
  lastChange: count("SELECT count(DISTINCT updated_at) FROM training_records"),
});

const outcomeOf = (previewed: Outcome, line: number) =>
  previewed.data.preview.plan.find((row: { line: number }) => row.line === line);

beforeAll(async () => {
  world = await makeWorld();
  lead = world.cookies.lead;
  await getDb()
    .updateTable("users")
    .set({ staff_number: "20481234" })
    .where("id", "=", world.home.colleague.id)
    .execute();
});

describeAccess([
  {
    name: "GET /dashboard/import",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(page.loader, "/dashboard/import", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /dashboard/import-template.csv",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(template.loader, "/dashboard/import-template.csv", { cookie: world.cookies[r] }),
  },
  {
    name: "POST /dashboard/import (preview)",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => upload(csv(ESR_HEADER), world.cookies[r]),
    allowedStatus: 400,
  },
]);

describe("an ESR compliance export", () => {
  it("is previewed row by row without saving anything, then applied in one go, and a second import changes nothing", async () => {
    const { home, other } = world;
    const email = home.coordinator.email;
    const selfDeclared = await makeTraining(getDb(), home.coordinator, "safeguarding-adults", {
      completedOn: "2025-03-01",
    });
    const file = csv(
      ESR_HEADER,
      `,${email},${FIRE},30-Nov-2026,30-Nov-2024,ESR`, // line 2: new, verified
      `,${email.toUpperCase()},"${IG}",01-Jun-2026,01-Jun-2025,ESR`, // 3: new, verified (email in any case)
      `20481234,,${FIRE},10-Jan-2027,10-Jan-2025,ESR`, // 4: new, by staff number
      `20481234,,${FIRE},10-Jan-2026,10-Jan-2024,ESR`, // 5: an older repeat of line 4
      `,nobody@elsewhere.example,${FIRE},30-Nov-2026,30-Nov-2024,ESR`, // 6: unknown person
      `,${other.coordinator.email},${FIRE},30-Nov-2026,30-Nov-2024,ESR`, // 7: another PCN's: unknown to this lead
      `,${email},NHS|CSTF|Blood Transfusion - 3 Years|,30-Nov-2026,30-Nov-2024,ESR`, // 8: unmapped competency
      `,${email},${ADULTS},31-Feb-2028,31-Feb-2025,ESR`, // 9: no such day
      `,${email},${ADULTS},01-Mar-2030,01-Mar-2027,ESR`, // 10: completed in the future
      `,${home.lead.email},${FIRE},30-Nov-2026,30-Nov-2024,ESR`, // 11: the lead's own
      `,${email},${OLIVER},05-May-2028,05-May-2025,ESR`, // 12: new, not verified (content says so)
      `,${email},${ADULTS},01-Mar-2028,01-Mar-2025,ESR`, // 13: same as the self-declared record: verified
      `20481234,${email},${FIRE},30-Nov-2026,30-Nov-2024,ESR`, // 14: email and number of different people
    );
    const before = snapshot();

    const previewed = await upload(file);
    expect(previewed.status).toBe(200);
    expect(previewed.data.preview.counts).toEqual({ new: 4, updated: 1, unchanged: 0, rejected: 8 });
    expect(snapshot()).toEqual(before);
    const reasons = Object.fromEntries(
      previewed.data.preview.plan.map((row: { line: number; outcome: string; reason: string }) => [
        row.line,
        `${row.outcome}: ${row.reason}`,
      ]),
    );
    expect(reasons).toEqual({
      2: "new: New record, verified from ESR",
      3: "new: New record, verified from ESR",
      4: "new: New record, verified from ESR",
      5: "rejected: Repeats line 4 for the same person and training, which is used instead",
      6: "rejected: Nobody you can import training for has this email address or staff number",
      7: "rejected: Nobody you can import training for has this email address or staff number",
      8: "rejected: This ESR competency is not mapped to any of the app's training (content/esr-competencies.json)",
      9: 'rejected: The completion date "31-Feb-2025" is not a real date: use a date like 30-Nov-2028',
      10: "rejected: The completion date is in the future",
      11: "rejected: This is your own training: ask another PCN lead or an administrator to import it",
      12: "new: New record",
      13: "updated: Marked as verified from ESR",
      14: "rejected: The email address and the staff number belong to different people",
    });
    expect(outcomeOf(previewed, 4).who).toBe(home.colleague.name);
    expect(outcomeOf(previewed, 2).training).toBe("Fire safety level 1");

    const applied = await confirm(previewed);
    expect(applied.status).toBe(302);
    expect(applied.location).toBe("/dashboard");
    expect(applied.flash?.message).toMatch(/4 new, 1 updated, 0 unchanged, 8 rejected/);
    const after = snapshot();
    expect(after.records - before.records).toBe(4);
    expect(after.verified - before.verified).toBe(4);
    // One audit row per record written or verified, and the import kept once.
    expect(after.audit - before.audit).toBe(5);
    expect(after.imports - before.imports).toBe(1);
    expect(count("SELECT count(*) FROM training_records WHERE imported_from = 'esr' AND import_id IS NOT NULL")).toBe(
      4,
    );
    expect(
      count(
        "SELECT count(*) FROM training_records WHERE id = ? AND verification_method = 'esr' AND imported_from IS NULL",
        selfDeclared,
      ),
    ).toBe(1);
    expect(
      count(
        "SELECT count(*) FROM training_records WHERE user_id = ? AND requirement_id = 'oliver-mcgowan-tier-1' AND verified_at IS NULL",
        home.coordinator.id,
      ),
    ).toBe(1);
    // The readiness rollup moved in the same transaction: the coordinator's fire safety is now valid.
    expect(
      count(
        "SELECT count(*) FROM person_requirement_states WHERE user_id = ? AND requirement_id = 'fire-safety' AND state IN ('valid', 'expiring-soon', 'expired')",
        home.coordinator.id,
      ),
    ).toBe(1);

    const again = await upload(file);
    expect(again.data.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 5, rejected: 8 });
    const reapplied = await confirm(again);
    expect(reapplied.status).toBe(302);
    expect(snapshot()).toEqual(after);
  });

  it("updates an imported record when ESR shows the training completed again, and leaves older completions alone", async () => {
    const person = await makePerson(getDb(), { pcnId: world.home.pcn.id, staffNumber: "30110001" });
    const first = await upload(csv(ESR_HEADER, `30110001,,${FIRE},01-Feb-2026,01-Feb-2024,ESR`));
    await confirm(first);
    const recordId = count("SELECT max(id) FROM training_records WHERE user_id = ?", person.id);

    const later = await upload(
      csv(ESR_HEADER, `30110001,,${FIRE},01-Feb-2028,01-Feb-2026,ESR`, `30110001,,${IG},,01-Jan-2020,ESR`),
    );
    expect(outcomeOf(later, 2)).toMatchObject({
      outcome: "updated",
      reason: "Completed again: replaces the imported completion of 1 February 2024",
    });
    const before = snapshot();
    await confirm(later);
    expect(snapshot().records - before.records).toBe(1);
    expect(count("SELECT count(*) FROM training_records WHERE id = ? AND completed_on = '2026-02-01'", recordId)).toBe(
      1,
    );

    const older = await upload(csv(ESR_HEADER, `30110001,,${FIRE},01-Feb-2026,01-Feb-2024,ESR`));
    expect(outcomeOf(older, 2)).toMatchObject({
      outcome: "unchanged",
      reason: "A later completion is already recorded",
    });
  });

  it("applies nothing when the records changed after the preview, and shows the new preview", async () => {
    const person = await makePerson(getDb(), { pcnId: world.home.pcn.id, staffNumber: "30110002" });
    const previewed = await upload(csv(ESR_HEADER, `30110002,,${FIRE},01-Feb-2027,01-Feb-2025,ESR`));
    await makeTraining(getDb(), person, "fire-safety", { completedOn: "2025-06-01" });
    const before = snapshot();
    const refused = await confirm(previewed);
    expect(refused.status).toBe(200);
    expect(refused.data.stale).toBe(true);
    expect(outcomeOf(refused, 2).outcome).toBe("unchanged");
    expect(snapshot()).toEqual(before);
  });

  it("lets an administrator import for any PCN, while a lead's import never reaches another PCN", async () => {
    const row = `,${world.other.colleague.email},${FIRE},01-Feb-2027,01-Feb-2025,ESR`;
    const byLead = await upload(csv(ESR_HEADER, row));
    expect(outcomeOf(byLead, 2).outcome).toBe("rejected");
    const byAdmin = await upload(csv(ESR_HEADER, row), world.cookies.admin);
    expect(outcomeOf(byAdmin, 2).outcome).toBe("new");
    const before = snapshot();
    await confirm(byAdmin, world.cookies.admin);
    expect(snapshot().records - before.records).toBe(1);
    // A lead cannot apply another lead's preview into their own scope: the plan differs, so nothing is saved.
    const otherPreview = await upload(
      csv(ESR_HEADER, `,${world.other.coordinator.email},${IG},,01-Feb-2025,ESR`),
      world.cookies.otherLead,
    );
    const taken = snapshot();
    const refused = await confirm(otherPreview, lead);
    expect(refused.data.stale).toBe(true);
    expect(snapshot()).toEqual(taken);
  });
});

describe("the app's template", () => {
  it("offers the columns for download and imports rows naming the training by its title or id, not verified", async () => {
    const downloaded = await load(template.loader, "/dashboard/import-template.csv", { cookie: lead });
    // (Reading the answer as text drops the byte order mark that tells Excel it is UTF-8.)
    expect(downloaded.data).toBe("Email address,Staff number,Training,Completed on\r\n");
    const person = await makePerson(getDb(), { pcnId: world.home.pcn.id });
    const file = csv(
      "Email address,Staff number,Training,Completed on",
      `${person.email},,Conflict resolution level 1,14/10/2025`,
      `${person.email},,moving-handling,2025-09-30`,
      `${person.email},,Underwater basket weaving,2025-09-30`,
    );
    const previewed = await upload(file, lead, "template.csv");
    expect(previewed.data.preview.counts).toEqual({ new: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(outcomeOf(previewed, 4).reason).toBe("This is not the name of any training in the app");
    await confirm(previewed);
    expect(
      count(
        "SELECT count(*) FROM training_records WHERE user_id = ? AND imported_from = 'template' AND verified_at IS NULL",
        person.id,
      ),
    ).toBe(2);
    expect(
      count("SELECT count(*) FROM training_records WHERE user_id = ? AND completed_on = '2025-10-14'", person.id),
    ).toBe(1);
  });
});

describe("a file that cannot be imported", () => {
  const row = `,${"coordinator@example"},${FIRE},30-Nov-2026,30-Nov-2024,ESR`;
  const cases: [string, () => Uint8Array, RegExp][] = [
    ["wrong columns", () => csv("Name,Course,When", "Ann,Fire,2025"), /column headings are not ones this page reads/],
    [
      "a missing column",
      () => csv("Email Address,Competency Name,Date Start", `a@b.example,${FIRE},01-Jan-2025`),
      /no Expiry Date column/,
    ],
    [
      "no column saying whose training it is",
      () => csv("Competency Name,Expiry Date,Date Start,Last Updated By", `${FIRE},30-Nov-2026,30-Nov-2024,ESR`),
      /needs an Email address or Employee Number column/,
    ],
    ["a row with an extra value", () => csv(ESR_HEADER, `${row},extra`), /Line 2 has a different number of values/],
    [
      "an unclosed quotation mark",
      () => csv(ESR_HEADER, `,"a@b.example,${FIRE},30-Nov-2026,30-Nov-2024,ESR`),
      /quotation mark is not closed/,
    ],
    [
      "Windows-1252 text",
      () =>
        new Uint8Array([
          ...csv(ESR_HEADER),
          ...new TextEncoder().encode(",sin"),
          0xe9,
          ...new TextEncoder().encode(`@x.example,${FIRE},,01-Jan-2025,ESR\r\n`),
        ]),
      /not in UTF-8/,
    ],
    ["UTF-16", () => new Uint8Array([0xff, 0xfe, ...Buffer.from(ESR_HEADER, "utf16le")]), /UTF-16/],
    ["an empty file", () => new Uint8Array(), /The file is empty/],
    ["headings only", () => csv(ESR_HEADER), /column headings but no rows/],
    ["50,000 rows", () => csv(ESR_HEADER, ...Array.from({ length: 50_000 }, () => row)), /more than 10,000 rows/],
    [
      "20 MB",
      () => csv(ESR_HEADER, ",".repeat(20 * 1024 * 1024)),
      /The file is 20\.0 MB. The largest file this page takes is 5 MB/,
    ],
  ];

  it.each(cases)("%s: the file is refused with a clear reason and nothing changes", async (_, bytes, reason) => {
    const before = snapshot();
    const refused = await upload(bytes());
    expect(refused.status).toBe(400);
    expect(refused.data.errors.file).toMatch(reason);
    expect(snapshot()).toEqual(before);
  });

  it("reads a file saved with a byte order mark (Excel's CSV UTF-8) like any other", async () => {
    const person = await makePerson(getDb(), { pcnId: world.home.pcn.id });
    const previewed = await upload(
      new Uint8Array([0xef, 0xbb, 0xbf, ...csv(ESR_HEADER, `,${person.email},${FIRE},30-Nov-2026,30-Nov-2024,ESR`)]),
    );
    expect(previewed.status).toBe(200);
    expect(previewed.data.preview.counts.new).toBe(1);
  });

  it("asks for a file when none was chosen", async () => {
    const form = new FormData();
    form.set("intent", "preview");
    const refused = await submitMultipart(page.action, "/dashboard/import", form, { cookie: lead });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.file).toBe("Select a CSV file to import");
  });

  it("refuses a tampered confirmation without saving anything", async () => {
    const form = new FormData();
    form.set("intent", "apply");
    form.set("fileName", "x.csv");
    form.set("fileData", "not base64!");
    form.set("fingerprint", "0".repeat(64));
    const before = snapshot();
    const refused = await submitMultipart(page.action, "/dashboard/import", form, {
      cookie: await cookieFor(world.home.lead.id),
    });
    expect(refused.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });
});
