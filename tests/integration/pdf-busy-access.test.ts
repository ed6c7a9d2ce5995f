/**
 * A PDF the asker may not have, or that does not exist, answers 404 even when every PDF worker is busy: the busy
 * 503 is only for PDFs that would otherwise be made.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { makePdf } from "~/pdf/make.server";
import { loader as compliancePdf } from "~/routes/reports.compliance[.pdf]";
import { loader as portfolioPdf } from "~/routes/people.$personId.export[.pdf]";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

// One worker and no queue: while the test holds the one place, every other PDF is "busy".
vi.hoisted(() => {
  process.env.PDF_WORKERS = "1";
  process.env.PDF_QUEUE = "0";
});

let home: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
const cookies: Record<"admin" | "lead", string> = { admin: "", lead: "" };
let letGo: () => void;
let held: Promise<unknown>;

beforeAll(async () => {
  const db = getDb();
  home = await makeTeam(db);
  other = await makeTeam(db);
  cookies.admin = await cookieFor((await makePerson(db, { roles: ["admin"], jobRole: null })).id);
  cookies.lead = await cookieFor(home.lead.id);
  // Holds the pool's one place by gathering until the test lets go (then it finds nothing to make).
  held = makePdf(() => new Promise((resolve) => (letGo = () => resolve(null))));
});

afterAll(async () => {
  letGo();
  expect(await held).toBeNull();
});

const compliance = (query: string, who: keyof typeof cookies) =>
  load(compliancePdf, `/reports/compliance.pdf${query}`, { cookie: cookies[who] });
const portfolio = (personId: number, who: keyof typeof cookies) =>
  load(portfolioPdf, `/people/${personId}/export.pdf`, {
    cookie: cookies[who],
    params: { personId: String(personId) },
  });

describe("while every PDF worker is busy", () => {
  it("a PDF that would be made answers busy", async () => {
    expect((await compliance(`?pcnId=${home.pcn.id}`, "admin")).status).toBe(503);
    expect((await compliance("", "lead")).status).toBe(503);
    expect((await portfolio(home.coordinator.id, "lead")).status).toBe(503);
  });

  it("a compliance report of a PCN that does not exist, or of another PCN, answers 404", async () => {
    expect((await compliance("?pcnId=999999", "admin")).status).toBe(404);
    expect((await compliance(`?pcnId=${other.pcn.id}`, "lead")).status).toBe(404);
  });

  it("a portfolio of someone the asker may not see, or of nobody, answers 404", async () => {
    expect((await portfolio(other.coordinator.id, "lead")).status).toBe(404);
    expect((await portfolio(999999, "lead")).status).toBe(404);
  });
});
