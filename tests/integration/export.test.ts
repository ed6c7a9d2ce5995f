/**
 * The appraisal portfolio PDF and the PCN compliance report, from real records: what goes in for a chosen
 * appraisal year, the download itself, refused periods, and who may export whom.
 */
import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appraisalYear, appraisalYearOf } from "~/domain/appraisal-year";
import { todayInLondon } from "~/domain/training-status";
import { storeAttachment } from "~/models/attachment.server";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { createCpdEntry } from "~/models/cpd.server";
import { createEvidence, moveEvidence, saveEvidence, type EvidenceInput } from "~/models/evidence.server";
import { currentAppraisalYear, gatherPortfolio } from "~/services/portfolio-export.server";
import { recordSignoff } from "~/models/signoff.server";
import { recordMeeting } from "~/models/supervision.server";
import { createTrainingRecord } from "~/models/training.server";
import { renderPortfolio } from "~/pdf/portfolio-document";
import * as exportPage from "~/routes/people.$personId.export";
import * as exportPdf from "~/routes/people.$personId.export[.pdf]";
import * as compliancePdf from "~/routes/reports.compliance[.pdf]";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makeArrangement, makePerson, makeTeam } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { readPdf, renderToText } from "../fixtures/pdf/extract";
import { CERTIFICATE_JPEG, CERTIFICATE_PNG } from "../fixtures/pdf/certificates";
import { cookieFor, load, submit, type Outcome } from "./harness";

// These tests ask for PDFs one after another without reading them, faster than a worker makes them; the busy
// answer a full queue gives has its own tests (export-busy, export-worker).
vi.hoisted(() => {
  process.env.PDF_QUEUE = "100";
});

const NOW = new Date("2026-11-25T12:00:00Z");
const YEAR = appraisalYearOf("2025/26")!;
const REFLECTION = Array.from({ length: 1500 }, (_, i) => `Gwenllïan${String(i).padStart(4, "0")}ŵŷ`)
  .join(" ")
  .slice(0, 20_000);
const TOKENS = /Gwenllïan\d{4}(?:ŵŷ)?/g;

type Team = Awaited<ReturnType<typeof makeTeam>>;
let home: Team;
let other: Team;
let target: { id: number; pcnId: number | null; name: string };
const cookies: Record<string, string> = {};

const ROLES = [
  "admin",
  "lead",
  "otherLead",
  "supervisor",
  "otherSupervisor",
  "self",
  "colleague",
  "anonymous",
] as const;
type Role = (typeof ROLES)[number];

function evidence(title: string, activityDate: string, extra: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    title,
    activityDate,
    type: "reflective-account",
    whatHappened: "I supported a person to prepare for their annual review.",
    whatLearned: "Preparing questions together helped them say what mattered.",
    whatNext: "Offer a preparation call before every review.",
    competencyIds: ["pc-1"],
    attachmentIds: [],
    patientDataFindings: null,
    ...extra,
  };
}

beforeAll(async () => {
  const db = getDb();
  home = await makeTeam(db);
  other = await makeTeam(db);
  const admin = await makePerson(db, { roles: ["admin"], jobRole: null });
  target = await makePerson(db, { pcnId: home.pcn.id, name: "Siân Ní Bhriain", roles: ["coordinator"] });
  await makeArrangement(db, target, home.supervisor.id);
  const ids: Record<Exclude<Role, "anonymous">, number> = {
    admin: admin.id,
    lead: home.lead.id,
    otherLead: other.lead.id,
    supervisor: home.supervisor.id,
    otherSupervisor: other.supervisor.id,
    self: target.id,
    colleague: home.coordinator.id,
  };
  for (const [role, id] of Object.entries(ids)) cookies[role] = await cookieFor(id);
  cookies.anonymous = "";

  const owner = { id: target.id, pcnId: target.pcnId };
  const actor = { id: target.id, ip: null };
  const supervisor = { id: home.supervisor.id, ip: null };
  const store = (file: string, kind: "png" | "jpeg", mime: string) =>
    storeAttachment(
      db,
      env().DATA_DIR,
      {
        ownerId: target.id,
        pcnId: target.pcnId,
        checked: { ok: true, kind, mime, safeName: file.split("/").pop()! },
        bytes: fs.readFileSync(file),
      },
      actor,
    );
  const png = await store(CERTIFICATE_PNG, "png", "image/png");
  const jpeg = await store(CERTIFICATE_JPEG, "jpeg", "image/jpeg");

  const inYear = await createEvidence(
    db,
    owner,
    evidence("Preparing Mr Ŵ for his review", "2025-06-02", {
      whatHappened: REFLECTION,
      attachmentIds: [png.id, jpeg.id],
    }),
    "2026.1",
    actor,
  );
  await moveEvidence(db, inYear, { action: "submit", as: "owner", pcnId: target.pcnId }, actor);
  await moveEvidence(db, inYear, { action: "accept", as: "reviewer", pcnId: target.pcnId }, supervisor);
  await recordSignoff(
    db,
    {
      userId: target.id,
      pcnId: target.pcnId,
      competencyId: "pc-1",
      action: "sign-off",
      comment: "Consistently strong",
      frameworkVersion: "2026.1",
    },
    supervisor,
  );
  await createEvidence(db, owner, evidence("Outside the year", "2026-05-01"), "2026.1", actor);

  await createTrainingRecord(
    db,
    owner,
    {
      requirementId: "information-governance",
      status: "completed",
      completedOn: "2025-01-10",
      provider: null,
      attachmentId: null,
    },
    "2026.1",
    actor,
  );
  await createTrainingRecord(
    db,
    owner,
    {
      requirementId: "pci-care-coordinator-training",
      status: "completed",
      completedOn: "2025-03-01",
      provider: "PCI",
      attachmentId: null,
    },
    "2026.1",
    actor,
  );

  const cpd = (activity: string, activityDate: string, type: string, hours: number) =>
    createCpdEntry(
      db,
      owner,
      { activity, activityDate, type, hours, provider: null, reflection: "Useful.", competencyIds: [] },
      "2026.1",
      actor,
    );
  await cpd("Social prescribing webinar", "2025-05-10", "webinar", 1.5);
  await cpd("Reading on health literacy", "2026-02-01", "reading", 2);
  await cpd("Webinar after the year", "2026-04-01", "webinar", 3);

  const meeting = (metOn: string, topics: string) =>
    recordMeeting(
      db,
      owner,
      {
        supervisorId: home.supervisor.id,
        metOn,
        minutes: 45,
        mode: "virtual",
        topics,
        patientConcerns: false,
        safeguardingConcerns: true,
        actions: "Read the local safeguarding pathway.",
      },
      supervisor,
      true,
    );
  await meeting("2025-07-01", "Caseload and a safeguarding question");
  await meeting("2026-06-01", "Meeting after the year");
});

describe("gathering a portfolio for an appraisal year", () => {
  it("takes evidence, CPD and supervision dated in the year only, with training and sign-offs as they stand", async () => {
    const data = (await gatherPortfolio(getDb(), target.id, YEAR, "owner", NOW))!;
    expect(data.person).toEqual({
      name: "Siân Ní Bhriain",
      jobRole: "Care coordinator",
      pcn: home.pcn.name,
      supervisors: [home.supervisor.name],
    });
    expect(data.period).toEqual({ label: "2025/26", start: "2025-04-01", end: "2026-03-31" });
    expect(data.evidence.map((e) => e.title)).toEqual(["Preparing Mr Ŵ for his review"]);
    const [item] = data.evidence;
    expect(item!.status).toBe("accepted");
    expect(item!.reviews.map((r) => [r.action, r.by])).toEqual([
      ["submit", "Siân Ní Bhriain"],
      ["accept", home.supervisor.name],
    ]);
    expect(
      item!.attachments.map((a) => [a.fileName, a.mime, a.imagePath !== null && fs.existsSync(a.imagePath)]),
    ).toEqual([
      ["certificate.png", "image/png", true],
      ["certificate.jpg", "image/jpeg", true],
    ]);
    expect(data.cpd.totalHours).toBe(3.5);
    expect(data.cpd.entries.map((e) => e.activity)).toEqual([
      "Social prescribing webinar",
      "Reading on health literacy",
    ]);
    expect(data.cpd.totalsByType).toEqual([
      { type: "webinar", entries: 1, hours: 1.5 },
      { type: "reading", entries: 1, hours: 2 },
    ]);
    expect(data.supervision.meetings.map((m) => m.topics)).toEqual(["Caseload and a safeguarding question"]);
    const ig = data.training.rows.find((r) => r.title.startsWith("Data security awareness"));
    expect(ig).toMatchObject({
      required: true,
      status: "completed",
      completedOn: "2025-01-10",
      expiresOn: "2026-01-10",
      state: "expired",
      verified: false,
    });
    expect(data.training.rows.find((r) => r.title.startsWith("Safeguarding adults"))).toMatchObject({
      status: null,
      state: "missing",
    });
    expect(data.training.readiness).toBe("not-ready");
    const pc1 = data.competencies.flatMap((a) => a.competencies).find((c) => c.status === "signed-off");
    expect(pc1).toMatchObject({ signedOffBy: home.supervisor.name, evidenceCount: 2 });
  });

  it("renders that portfolio with the whole reflection, the pictures and the names intact", async () => {
    const data = (await gatherPortfolio(getDb(), target.id, YEAR, "owner", NOW))!;
    const pdf = await renderToText((out) => renderPortfolio(data, out));
    const all = pdf.pages.join(" ");
    expect(all).toContain("Siân Ní Bhriain");
    expect(all).toContain("Preparing Mr Ŵ for his review");
    expect(all).not.toContain("Outside the year");
    expect(all.match(TOKENS)).toEqual(REFLECTION.match(TOKENS));
    expect(all).toContain("Data security awareness (information governance) level 1");
    expect(all).toContain("10 January 2026");
    expect(pdf.bytes.toString("latin1").match(/\/Subtype \/Image/g)?.length).toBe(2);
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pageCount} of ${pdf.pageCount}`);
  });
});

/** Calls a resource route's loader as the browser would, keeping the response's headers and bytes. */
async function download(
  loader: (args: LoaderFunctionArgs) => Promise<Response>,
  path: string,
  role: Role,
  params: Record<string, string> = {},
) {
  const request = new Request(`http://127.0.0.1${path}`, { headers: cookies[role] ? { Cookie: cookies[role] } : {} });
  try {
    return await loader({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const personParams = () => ({ personId: String(target.id) });

describe("downloading the portfolio", () => {
  it("streams a PDF named after the person and year", async () => {
    const response = await download(
      exportPdf.loader,
      `/people/${target.id}/export.pdf?period=2025%2F26`,
      "self",
      personParams(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="portfolio-sian-ni-bhriain-2025-26.pdf"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    expect(pdf.pages[0]).toContain("2025/26 (1 April 2025 to 31 March 2026)");
  });

  it("covers the current appraisal year when no year is given", async () => {
    const response = await download(exportPdf.loader, `/people/${target.id}/export.pdf`, "supervisor", personParams());
    const label = currentAppraisalYear(todayInLondon(new Date())).label;
    expect(response.headers.get("Content-Disposition")).toContain(
      `portfolio-sian-ni-bhriain-${label.replace("/", "-")}.pdf`,
    );
  });

  it.each([
    ["2025/27", "Enter an appraisal year like"],
    ["last year", "Enter an appraisal year like"],
    ["", "Enter an appraisal year like"],
    ["2999/00", "or earlier"],
  ])("refuses the year %j with a field error, not an empty document", async (period, message) => {
    const response = await download(
      exportPdf.loader,
      `/people/${target.id}/export.pdf?period=${encodeURIComponent(period)}`,
      "self",
      personParams(),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(((await response.json()) as { errors: { period: string } }).errors.period).toContain(message);
  });

  it("the export page sends a good year to the download and gives a bad one back with its error", async () => {
    const path = `/people/${target.id}/export`;
    const good = await submit(
      exportPage.action,
      path,
      { period: "2025/26" },
      { cookie: cookies.self, params: personParams() },
    );
    expect(good).toMatchObject({ status: 302, location: `/people/${target.id}/export.pdf?period=2025%2F26` });
    const bad = await submit(
      exportPage.action,
      path,
      { period: "2025-26" },
      { cookie: cookies.self, params: personParams() },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.period).toMatch(/^Enter an appraisal year like \d{4}\/\d{2}$/);
    expect(bad.data.values.period).toBe("2025-26");
  });
});

describe("the compliance report", () => {
  it("has the PCN's figures and each person's readiness and dated expiries", async () => {
    const data = (await gatherComplianceReport(getDb(), home.pcn.id, NOW))!;
    expect(data.scope).toBe(`${home.pcn.name} (${home.pcn.odsCode})`);
    expect(data.today).toBe("2026-11-25");
    expect(data.figures.find((f) => f.label === "Staff")?.value).toBe("3");
    const row = data.staff.find((s) => s.name === "Siân Ní Bhriain")!;
    expect(row.readiness).toBe("not-ready");
    expect(row.expiries).toEqual([
      { title: "Data security awareness (information governance) level 1", state: "expired", on: "2026-01-10" },
    ]);
    expect(data.staff.map((s) => s.name)).not.toContain(other.coordinator.name);
  });

  it("downloads as a dated PDF for the lead", async () => {
    const response = await download(compliancePdf.loader, "/reports/compliance.pdf", "lead");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="compliance-report-test-pcn-\d+-u\d+-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.pages.join(" ")).toContain("Siân Ní Bhriain");
  });
});

// Who may export: the person, their supervisor, their PCN's lead and admins; the report is for leads and admins.
const expectations: { name: string; allowed: Role[]; run: (role: Role) => Promise<Outcome | Response> }[] = [
  {
    name: "GET /people/:id/export",
    allowed: ["admin", "lead", "supervisor", "self"],
    run: (r) => load(exportPage.loader, `/people/${target.id}/export`, { cookie: cookies[r], params: personParams() }),
  },
  {
    name: "POST /people/:id/export",
    allowed: ["admin", "lead", "supervisor", "self"],
    run: (r) =>
      submit(
        exportPage.action,
        `/people/${target.id}/export`,
        { period: "2025/26" },
        { cookie: cookies[r], params: personParams() },
      ),
  },
  {
    name: "GET /people/:id/export.pdf",
    allowed: ["admin", "lead", "supervisor", "self"],
    run: (r) => download(exportPdf.loader, `/people/${target.id}/export.pdf?period=2025%2F26`, r, personParams()),
  },
  {
    name: "GET /reports/compliance.pdf?pcnId=",
    allowed: ["admin", "lead"],
    run: (r) => download(compliancePdf.loader, `/reports/compliance.pdf?pcnId=${home.pcn.id}`, r),
  },
];

describe.each(expectations)("$name", ({ allowed, run }) => {
  it.each(ROLES.map((r) => [r, allowed.includes(r)] as const))("%s allowed: %s", async (role, isAllowed) => {
    const outcome = await run(role);
    const location = outcome instanceof Response ? outcome.headers.get("Location") : outcome.location;
    if (isAllowed) expect([200, 302]).toContain(outcome.status);
    else if (role === "anonymous") expect([outcome.status, location?.startsWith("/sign-in")]).toEqual([302, true]);
    else expect(outcome.status).toBe(404);
    if (outcome.status === 302 && role !== "anonymous") expect(location).toMatch(/\/export\.pdf\?period=2025%2F26$/);
  });
});

describe("guessed ids", () => {
  it("another PCN's person, a missing id and junk all get the same 404 from the download", async () => {
    const theirs = await download(exportPdf.loader, `/people/${other.coordinator.id}/export.pdf`, "lead", {
      personId: String(other.coordinator.id),
    });
    const missing = await download(exportPdf.loader, "/people/999999/export.pdf", "lead", { personId: "999999" });
    const junk = await download(exportPdf.loader, "/people/1%20OR%201/export.pdf", "lead", { personId: "1 OR 1" });
    expect([theirs.status, missing.status, junk.status]).toEqual([404, 404, 404]);
    expect(await theirs.text()).toBe(await missing.text());
  });

  it("a lead cannot have another PCN's report, nor an admin a PCN that does not exist", async () => {
    expect((await download(compliancePdf.loader, `/reports/compliance.pdf?pcnId=${other.pcn.id}`, "lead")).status).toBe(
      404,
    );
    expect((await download(compliancePdf.loader, "/reports/compliance.pdf?pcnId=999999", "admin")).status).toBe(404);
    expect((await download(compliancePdf.loader, "/reports/compliance.pdf?pcnId=abc", "admin")).status).toBe(404);
  });

  it("an admin without a PCN gets every PCN's staff", async () => {
    const response = await download(compliancePdf.loader, "/reports/compliance.pdf", "admin");
    expect(response.headers.get("Content-Disposition")).toContain("compliance-report-all-pcns-");
    const text = (await readPdf(new Uint8Array(await response.arrayBuffer()))).pages.join(" ");
    expect(text).toContain("Siân Ní Bhriain");
    expect(text).toContain(other.coordinator.name);
  });
});

describe("an amendment still in draft", () => {
  it("the appraisal PDF shows the accepted text while a later amendment is still a draft", async () => {
    const owner = { id: home.coordinator.id, pcnId: home.pcn.id };
    const base = {
      title: "Accepted title",
      activityDate: todayInLondon(new Date()),
      type: "other",
      whatHappened: "Accepted text",
      whatLearned: "l",
      whatNext: "n",
      competencyIds: ["pc-1"],
      attachmentIds: [],
      patientDataFindings: null,
    };
    const id = await makeEvidence(getDb(), owner, base, {
      outcome: "accepted",
      reviewerId: home.supervisor.id,
      frameworkVersion: "test",
    });
    await saveEvidence(
      getDb(),
      id,
      owner,
      { ...base, title: "Draft title", whatHappened: "Draft text" },
      { id: owner.id },
    );
    const period = appraisalYear(todayInLondon(new Date()));
    const data = await gatherPortfolio(getDb(), owner.id, period, "owner");
    const entry = data!.evidence.find((e) => e.title === "Accepted title");
    expect(entry).toMatchObject({ status: "accepted", version: 1, whatHappened: "Accepted text" });
    expect(data!.evidence.some((e) => e.title === "Draft title")).toBe(false);
  });
});
