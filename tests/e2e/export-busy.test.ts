/**
 * PDFs made in a worker thread by the production server, with one worker and no queue: a PDF asked for while
 * another is being made gets the "busy" answer, and other pages keep answering meanwhile.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { appraisalYear } from "~/domain/appraisal-year";
import { todayInLondon } from "~/domain/training-status";
import { createDb } from "../../db/connection";
import { makePerson } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { PortfolioClient } from "../../scripts/lib/portfolio-client";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const BUSY = "The service is busy making other PDFs. Try again in a minute.";
const LEAD = "lead@riverside-pcn.example";
const ITEMS = 250;

const ctx = startAppAndBrowser({ PDF_WORKERS: "1", PDF_QUEUE: "0" });
let bigPdf: string;
let lead: PortfolioClient;

// A portfolio big enough that laying it out takes a while: ITEMS accepted items with long reflections this year.
beforeAll(async () => {
  const db = createDb(ctx.app.env.DATABASE_PATH);
  // Only this set-up writes through this connection; the server's own connection keeps its full sync. The server
  // writes too as it starts (its scheduled jobs), so on a busy machine wait for its lock longer than the app would.
  await sql`pragma synchronous = off`.execute(db);
  await sql`pragma busy_timeout = 60000`.execute(db);
  const { id: pcnId } = await db
    .selectFrom("pcns")
    .select("id")
    .where("name", "=", "Riverside Health PCN")
    .executeTakeFirstOrThrow();
  const { id: reviewerId } = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", LEAD)
    .executeTakeFirstOrThrow();
  const person = await makePerson(db, { pcnId, name: "Bethan Lloyd", password: null });
  const year = appraisalYear(todayInLondon(new Date()));
  const reflection = "I listened first, then we agreed the next steps together in their words. ".repeat(25);
  for (let i = 0; i < ITEMS; i++) {
    // SQLite answers at once, so without this the loop never lets Node read its sockets, and the keep-alive
    // connection the server closes meanwhile would be taken as open for the next request ("other side closed").
    if (i % 25 === 0) await new Promise(setImmediate);
    await makeEvidence(
      db,
      { id: person.id, pcnId },
      { title: `Supporting a person at home, visit ${i + 1}`, activityDate: year.start, whatHappened: reflection },
      { outcome: "accepted", reviewerId },
    );
  }
  await db.destroy();
  bigPdf = `/people/${person.id}/export.pdf`;
  lead = new PortfolioClient(ctx.app.baseUrl, LEAD);
  await lead.signIn();
}, 240_000);

/**
 * Asks for the big PDF twice at once and waits for the one refused as busy, which shows the other is being made
 * (its answer only starts once it is laid out). `finished` settles when that other one has been downloaded whole.
 */
async function startBigPdf(): Promise<{ finished: Promise<void> }> {
  const asked = [lead.get(bigPdf), lead.get(bigPdf)];
  const first = await Promise.race(asked.map((answer, i) => answer.then((response) => ({ response, i }))));
  expect(first.response.status).toBe(503);
  const finished = asked[1 - first.i]!.then(async (response) => {
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });
  return { finished };
}

describe("when the PDF worker is busy", () => {
  it("PDFs asked for past the limit get 503, Retry-After and a page saying to try again", async () => {
    const responses = await Promise.all(Array.from({ length: 4 }, () => lead.get(bigPdf)));
    const made = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(made).toHaveLength(1);
    expect(refused.map((r) => r.status)).toEqual([503, 503, 503]);
    for (const response of refused) {
      expect(response.headers.get("Retry-After")).toBe("60");
      expect(response.headers.get("Content-Type")).toContain("text/html");
      expect(await response.text()).toContain(BUSY);
    }
    const pdf = Buffer.from(await made[0]!.arrayBuffer()).toString("latin1");
    expect([pdf.slice(0, 5), pdf.trimEnd().slice(-5)]).toEqual(["%PDF-", "%%EOF"]);
  });

  it("other pages answer while a big PDF is being made", async () => {
    const { finished } = await startBigPdf();
    const pdfDone = finished.then(() => "pdf");
    const pageDone = fetch(ctx.app.baseUrl + "/sign-in")
      .then((r) => r.text())
      .then(() => "page");
    expect(await Promise.race([pdfDone, pageDone])).toBe("page");
    await pdfDone;
  });

  it("a browser following the link gets the busy page; the export page says so in place", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, null);
    const busy = await startBigPdf();
    const answer = await page.goto(ctx.app.baseUrl + bigPdf);
    expect(answer?.status()).toBe(503);
    await page.getByRole("heading", { level: 1, name: "Sorry, the service is busy" }).waitFor();
    await page.getByText(BUSY).waitFor();
    await expectNoAxeViolations(page);
    await busy.finished;

    await page.goto(ctx.app.baseUrl + bigPdf.replace(".pdf", ""));
    const stillBusy = await startBigPdf();
    await page.getByRole("button", { name: "Download PDF" }).click();
    await page.getByRole("status").getByText(BUSY).waitFor();
    await expectNoAxeViolations(page);
    await stillBusy.finished;
    await page.close();
  });
});
