/**
 * Training records: who may see, add, change and verify them; what the form refuses; certificates; and the state
 * and readiness the person's page shows.
 */
import { addDays, addMonths, subMonths } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { checkUpload } from "~/domain/file-check";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { storeAttachment } from "~/models/attachment.server";
import { verifyTrainingRecord } from "~/models/training.server";
import * as recordPage from "~/routes/people.$personId.training.$recordId";
import * as trainingPage from "~/routes/people.$personId.training._index";
import { getContent } from "~/content/index.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { auditCount, describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, multipartRequest, submit } from "./harness";

let world: World;
let homeRecord: number;
let otherRecord: number;
let colleagueRecord: number;
const verifiable: Partial<Record<Role, number>> = {};
let certificateId: number;

const today = () => todayInLondon(new Date());
const shift = (months: number, days = 0) =>
  formatCalendarDate(addDays(subMonths(parseCalendarDate(today()), months), days));
// Expiry is the completion date plus the renewal period, month ends clamped.
const plusMonths = (date: string, months: number) => formatCalendarDate(addMonths(parseCalendarDate(date), months));
const PDF = new TextEncoder().encode("%PDF-1.7\n% test certificate\n");

async function storePdf(owner: { id: number; pcnId: number | null }) {
  const checked = checkUpload({ name: "certificate.pdf", bytes: PDF });
  if (!checked.ok) throw new Error(checked.message);
  return (
    await storeAttachment(
      getDb(),
      env().DATA_DIR,
      { ownerId: owner.id, pcnId: owner.pcnId, checked, bytes: PDF },
      { id: owner.id },
    )
  ).id;
}

const trainingCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("training_records")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  world = await makeWorld();
  const db = getDb();
  const { coordinator } = world.home;
  certificateId = await storePdf(coordinator);
  homeRecord = await makeTraining(db, coordinator, "fire-safety", { completedOn: "2026-01-10" });
  otherRecord = await makeTraining(db, world.other.coordinator, "fire-safety", { completedOn: "2026-01-10" });
  colleagueRecord = await makeTraining(db, world.home.colleague, "fire-safety", { completedOn: "2026-01-10" });
  for (const role of ROLES)
    verifiable[role] = await makeTraining(db, coordinator, "moving-handling", {
      completedOn: "2026-02-01",
      attachmentId: certificateId,
    });
});

const home = () => world.home.coordinator;
const valid = {
  requirementId: "information-governance",
  status: "completed",
  completedOn: "2026-03-02",
  provider: "e-Learning for Healthcare",
};

describeAccess([
  {
    name: "GET /people/:id/training",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(trainingPage.loader, `/people/${home().id}/training`, {
        cookie: world.cookies[r],
        params: { personId: String(home().id) },
      }),
  },
  {
    name: "POST /people/:id/training (add a record)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(trainingPage.action, `/people/${home().id}/training`, valid, {
        cookie: world.cookies[r],
        params: { personId: String(home().id) },
      }),
  },
  {
    name: "GET /people/:id/training/:recordId",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(recordPage.loader, `/people/${home().id}/training/${homeRecord}`, {
        cookie: world.cookies[r],
        params: { personId: String(home().id), recordId: String(homeRecord) },
      }),
  },
  {
    name: "POST /people/:id/training/:recordId (change)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(
        recordPage.action,
        `/people/${home().id}/training/${homeRecord}`,
        { ...valid, requirementId: "fire-safety" },
        { cookie: world.cookies[r], params: { personId: String(home().id), recordId: String(homeRecord) } },
      ),
  },
  {
    name: "POST /people/:id/training/:recordId?intent=verify",
    allowed: ["lead", "supervisor"],
    mutates: true,
    run: (r) =>
      submit(
        recordPage.action,
        `/people/${home().id}/training/${verifiable[r]}?intent=verify`,
        { method: "esr" },
        { cookie: world.cookies[r], params: { personId: String(home().id), recordId: String(verifiable[r]) } },
      ),
  },
  {
    name: "GET another PCN's record id under this person",
    allowed: [],
    run: (r) =>
      load(recordPage.loader, `/people/${home().id}/training/${otherRecord}`, {
        cookie: world.cookies[r],
        params: { personId: String(home().id), recordId: String(otherRecord) },
      }),
  },
  {
    name: "POST verify on another PCN's record id under this person",
    allowed: [],
    run: (r) =>
      submit(
        recordPage.action,
        `/people/${home().id}/training/${otherRecord}?intent=verify`,
        { method: "esr" },
        { cookie: world.cookies[r], params: { personId: String(home().id), recordId: String(otherRecord) } },
      ),
  },
  {
    name: "GET a colleague's record",
    allowed: ["admin", "lead", "colleague"],
    run: (r) =>
      load(recordPage.loader, `/people/${world.home.colleague.id}/training/${colleagueRecord}`, {
        cookie: world.cookies[r],
        params: { personId: String(world.home.colleague.id), recordId: String(colleagueRecord) },
      }),
  },
]);

describe("the add form refuses bad input with a field message and saves nothing", () => {
  const tomorrow = () => formatCalendarDate(addDays(parseCalendarDate(today()), 1));
  it.each([
    [
      "completed without a date",
      { ...valid, completedOn: "" },
      "completedOn",
      "Enter the date you completed the training",
    ],
    [
      "a completion date in the future",
      { ...valid, completedOn: "__tomorrow__" },
      "completedOn",
      "The date you completed the training must be today or in the past",
    ],
    [
      "an impossible date",
      { ...valid, completedOn: "2026-02-30" },
      "completedOn",
      "The date you completed the training must be a real date",
    ],
    [
      "a completion date for training still under way",
      { ...valid, status: "enrolled" },
      "completedOn",
      "Leave the completion date blank until you have completed the training",
    ],
    ["no training chosen", { ...valid, requirementId: "" }, "requirementId", "Select the training"],
    [
      "training not in the content",
      { ...valid, requirementId: "made-up-course" },
      "requirementId",
      "Select the training",
    ],
    [
      "no status",
      { ...valid, status: "" },
      "status",
      "Select whether you are enrolled on, undertaking or have completed the training",
    ],
    [
      "a provider name that is far too long",
      { ...valid, provider: "x".repeat(201) },
      "provider",
      "Provider must be 200 characters or fewer",
    ],
  ])("%s", async (_, fields, field, message) => {
    const before = await trainingCount();
    const form = { ...fields, completedOn: fields.completedOn === "__tomorrow__" ? tomorrow() : fields.completedOn };
    const outcome = await submit(trainingPage.action, `/people/${home().id}/training`, form, {
      cookie: world.cookies.coordinator,
      params: { personId: String(home().id) },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors[field]).toBe(message);
    expect(outcome.data.values.requirementId).toBe(form.requirementId);
    expect(await trainingCount()).toBe(before);
  });

  it("accepts enrolled training with no date", async () => {
    const outcome = await submit(
      trainingPage.action,
      `/people/${home().id}/training`,
      { requirementId: "pcsp-e-learning", status: "enrolled", completedOn: "" },
      { cookie: world.cookies.coordinator, params: { personId: String(home().id) } },
    );
    expect(outcome.status).toBe(302);
    const id = Number(outcome.location!.match(/training\/(\d+)/)![1]);
    const row = await getDb().selectFrom("training_records").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "enrolled",
      completed_on: null,
      content_version: getContent().trainingRequirements.version,
      user_id: home().id,
    });
  });
});

describe("certificates and verification", () => {
  async function postMultipart(
    path: string,
    personId: number,
    fields: Record<string, string>,
    file: { name: string; bytes: Uint8Array<ArrayBuffer> } | null,
    cookie: string,
    recordId?: number,
  ) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file) body.append("certificate", new File([file.bytes], file.name, { type: "application/pdf" }));
    const request = await multipartRequest(path, body, cookie);
    const params: Record<string, string> = { personId: String(personId) };
    if (recordId) params.recordId = String(recordId);
    const action = recordId ? recordPage.action : trainingPage.action;
    return (await action({ request, params, context: {} })) as
      | Response
      | {
          init: { status: number };
          data: { errors: Record<string, string>; certificate: { fileName: string } | null };
        };
  }

  it("stores the certificate with the record, lets a supervisor verify it, and a later change removes the verification", async () => {
    const db = getDb();
    const owner = home();
    const created = await postMultipart(
      `/people/${owner.id}/training`,
      owner.id,
      { requirementId: "safeguarding-adults", status: "completed", completedOn: "2026-04-01" },
      { name: "Safeguarding level 2.pdf", bytes: PDF },
      world.cookies.coordinator,
    );
    expect(created).toBeInstanceOf(Response);
    const recordId = Number((created as Response).headers.get("Location")!.match(/training\/(\d+)/)![1]);
    const page = await load(recordPage.loader, `/people/${owner.id}/training/${recordId}`, {
      cookie: world.cookies.supervisor,
      params: { personId: String(owner.id), recordId: String(recordId) },
    });
    expect(page.data.record.attachmentName).toBe("Safeguarding-level-2.pdf");
    expect(page.data.canVerify).toBe(true);
    expect(page.data.canEdit).toBe(false);

    const verified = await submit(
      recordPage.action,
      `/people/${owner.id}/training/${recordId}?intent=verify`,
      { method: "certificate" },
      { cookie: world.cookies.supervisor, params: { personId: String(owner.id), recordId: String(recordId) } },
    );
    expect(verified.status).toBe(302);
    const afterVerify = await db
      .selectFrom("training_records")
      .selectAll()
      .where("id", "=", recordId)
      .executeTakeFirstOrThrow();
    expect(afterVerify).toMatchObject({
      verified_by: world.home.supervisor.id,
      verification_method: "certificate",
      verification_note: null,
    });

    const again = await submit(
      recordPage.action,
      `/people/${owner.id}/training/${recordId}?intent=verify`,
      { method: "certificate" },
      { cookie: world.cookies.lead, params: { personId: String(owner.id), recordId: String(recordId) } },
    );
    expect(again.status).toBe(400);
    expect(again.data.errors.form).toBe("This record has already been verified");

    const changed = await postMultipart(
      `/people/${owner.id}/training/${recordId}`,
      owner.id,
      {
        requirementId: "safeguarding-adults",
        status: "completed",
        completedOn: "2026-04-02",
        attachmentId: String(afterVerify.attachment_id),
      },
      null,
      world.cookies.coordinator,
      recordId,
    );
    expect(changed).toBeInstanceOf(Response);
    const afterChange = await db
      .selectFrom("training_records")
      .selectAll()
      .where("id", "=", recordId)
      .executeTakeFirstOrThrow();
    expect(afterChange).toMatchObject({
      completed_on: "2026-04-02",
      attachment_id: afterVerify.attachment_id,
      verified_by: null,
      verified_at: null,
      verification_method: null,
    });

    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "training")
      .where("entity_id", "=", String(recordId))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "verify", "update"]);
  });

  it("keeps an accepted certificate when another field is wrong, so it need not be chosen again", async () => {
    const owner = home();
    const refused = await postMultipart(
      `/people/${owner.id}/training`,
      owner.id,
      { requirementId: "fire-safety", status: "completed", completedOn: "" },
      { name: "fire.pdf", bytes: PDF },
      world.cookies.coordinator,
    );
    expect(refused).not.toBeInstanceOf(Response);
    const result = refused as {
      init: { status: number };
      data: { errors: Record<string, string>; certificate: { fileName: string } | null };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.completedOn).toBe("Enter the date you completed the training");
    expect(result.data.certificate?.fileName).toBe("fire.pdf");
  });

  it("refuses a file that is not a certificate format, naming the problem", async () => {
    const owner = home();
    const before = await trainingCount();
    const refused = await postMultipart(
      `/people/${owner.id}/training`,
      owner.id,
      valid,
      { name: "cert.pdf", bytes: new TextEncoder().encode("MZ not a pdf") },
      world.cookies.coordinator,
    );
    expect(refused).not.toBeInstanceOf(Response);
    expect((refused as { data: { errors: Record<string, string> } }).data.errors.certificate).toMatch(
      /Choose the file again$/,
    );
    expect(await trainingCount()).toBe(before);
  });
});

describe("verifying without a certificate: the verifier records what they checked", () => {
  const verify = (id: number, fields: Record<string, string>, cookie = world.cookies.lead) =>
    submit(recordPage.action, `/people/${home().id}/training/${id}?intent=verify`, fields, {
      cookie,
      params: { personId: String(home().id), recordId: String(id) },
    });
  const row = (id: number) =>
    getDb().selectFrom("training_records").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it.each([
    ["the ESR record", { method: "esr" }, "esr", null],
    ["the provider's list, for an enrolment", { method: "provider-list", note: "" }, "provider-list", null],
    [
      "something else, with a note",
      { method: "other", note: "Email from the course provider confirming attendance" },
      "other",
      "Email from the course provider confirming attendance",
    ],
  ])("%s", async (_, fields, method, note) => {
    const id = await makeTraining(
      getDb(),
      home(),
      "conflict-resolution",
      method === "provider-list" ? { status: "enrolled" } : { completedOn: "2026-03-01" },
    );
    const outcome = await verify(id, fields);
    expect(outcome.status).toBe(302);
    expect(await row(id)).toMatchObject({
      verified_by: world.home.lead.id,
      verification_method: method,
      verification_note: note,
    });
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "training")
      .where("entity_id", "=", String(id))
      .where("action", "=", "verify")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      verifiedBy: world.home.lead.id,
      verificationMethod: method,
      verificationNote: note,
    });
    const page = await load(recordPage.loader, `/people/${home().id}/training/${id}`, {
      cookie: world.cookies.coordinator,
      params: { personId: String(home().id), recordId: String(id) },
    });
    expect(page.data.record).toMatchObject({ verificationMethod: method, verifiedByName: world.home.lead.name });
  });

  it.each([
    ["nothing chosen", {}, "method", "Select what you checked"],
    ["a method not on the list", { method: "guesswork" }, "method", "Select what you checked"],
    ["something else without a note", { method: "other", note: "  " }, "note", "Enter what you checked"],
    [
      "a note that is far too long",
      { method: "esr", note: "x".repeat(501) },
      "note",
      "Note must be 500 characters or fewer",
    ],
  ])("refuses %s with a field message and saves nothing", async (_, fields, field, message) => {
    const id = await makeTraining(getDb(), home(), "conflict-resolution", { completedOn: "2026-03-01" });
    const before = await auditCount();
    const outcome = await verify(id, fields as Record<string, string>);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors[field]).toBe(message);
    expect(await row(id)).toMatchObject({ verified_by: null, verified_at: null, verification_method: null });
    expect(await auditCount()).toBe(before);
  });

  it("refuses self-verification: nobody verifies their own record, by the page or by the model", async () => {
    const db = getDb();
    // A lead who keeps a portfolio of their own.
    const lead = await makePerson(db, { pcnId: world.home.pcn.id, roles: ["lead", "coordinator"] });
    const id = await makeTraining(db, lead, "pci-care-coordinator-training", { completedOn: "2026-03-01" });
    const outcome = await submit(
      recordPage.action,
      `/people/${lead.id}/training/${id}?intent=verify`,
      { method: "esr" },
      { cookie: await cookieFor(lead.id), params: { personId: String(lead.id), recordId: String(id) } },
    );
    expect(outcome.status).toBe(404);
    const page = await load(recordPage.loader, `/people/${lead.id}/training/${id}`, {
      cookie: await cookieFor(lead.id),
      params: { personId: String(lead.id), recordId: String(id) },
    });
    expect(page.data.canVerify).toBe(false);
    expect(await verifyTrainingRecord(db, lead, id, { method: "esr", note: null }, { id: lead.id, ip: null })).toEqual({
      ok: false,
      reason: "You cannot verify your own training",
    });
    expect((await row(id)).verified_at).toBeNull();
  });
});

describe("what the training page shows", () => {
  it("derives each requirement's state and expiry from the renewal period, and readiness from the rules", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const cookie = await cookieFor(person.id);
    const path = `/people/${person.id}/training`;
    const params = { personId: String(person.id) };

    const before = await load(trainingPage.loader, path, { cookie, params });
    expect(before.data.readiness.state).toBe("not-ready");
    expect(before.data.readiness.blockers).toHaveLength(3);
    expect(before.data.standings.find((s: { id: string }) => s.id === "fire-safety").state).toBe("missing");

    await makeTraining(db, person, "resuscitation-basic-life-support", { completedOn: shift(12, 20) }); // 12-month renewal, expires in about 20 days
    await makeTraining(db, person, "information-governance", { completedOn: shift(13) }); // 12-month renewal, expired a month ago
    await makeTraining(db, person, "fire-safety", { completedOn: shift(1) }); // 24-month renewal
    await makeTraining(db, person, "pci-care-coordinator-training", { status: "undertaking" });
    await makeTraining(db, person, "pcsp-e-learning", { completedOn: shift(2) });
    await makeTraining(db, person, "shared-decision-making-e-learning", { status: "enrolled" });

    const after = await load(trainingPage.loader, path, { cookie, params });
    const state = (id: string) => after.data.standings.find((s: { id: string }) => s.id === id);
    expect(state("resuscitation-basic-life-support")).toMatchObject({
      state: "expiring-soon",
      expiresOn: plusMonths(shift(12, 20), 12),
    });
    expect(state("information-governance")).toMatchObject({ state: "expired", expiresOn: plusMonths(shift(13), 12) });
    expect(state("fire-safety")).toMatchObject({ state: "valid", expiresOn: plusMonths(shift(1), 24) });
    expect(state("pci-care-coordinator-training").state).toBe("in-progress");
    expect(state("care-certificate")).toMatchObject({ required: false, state: "missing" });
    // Everything is met, but the accredited course only by self-declaration.
    expect(after.data.readiness).toMatchObject({
      state: "pending-verification",
      blockers: [],
      awaitingVerification: ["PCI-accredited care coordinator training (two days): in progress, not yet verified"],
    });

    const pci = state("pci-care-coordinator-training").record.id;
    const verified = await submit(
      recordPage.action,
      `/people/${person.id}/training/${pci}?intent=verify`,
      { method: "provider-list" },
      { cookie: await cookieFor(team.lead.id), params: { personId: String(person.id), recordId: String(pci) } },
    );
    expect(verified.status).toBe(302);
    const ready = await load(trainingPage.loader, path, { cookie, params });
    expect(ready.data.readiness).toMatchObject({ state: "ready", blockers: [], awaitingVerification: [] });
  });

  it("a person with no job role is not ready, and says why", async () => {
    const person = await makePerson(getDb(), { jobRole: null });
    const outcome = await load(trainingPage.loader, `/people/${person.id}/training`, {
      cookie: await cookieFor(person.id),
      params: { personId: String(person.id) },
    });
    expect(outcome.data.readiness).toMatchObject({
      state: "not-ready",
      blockers: ["No job role is recorded, so the training they need is not known"],
    });
    expect(outcome.data.standings).toEqual([]);
  });
});
