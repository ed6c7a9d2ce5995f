import { describe, expect, it } from "vitest";
import { type PortfolioData, renderPortfolio } from "~/pdf/portfolio-document";
import { renderToText } from "../fixtures/pdf/extract";
import { samplePortfolio } from "../../scripts/lib/sample-portfolio";
import { CERTIFICATE_JPEG, CERTIFICATE_PNG } from "../fixtures/pdf/certificates";

const render = (data: PortfolioData) => renderToText((out) => renderPortfolio(data, out));

// Laying out and reading a whole portfolio takes seconds when other test files run beside it.
describe("portfolio PDF", { timeout: 20_000 }, () => {
  it("has the cover details, every section and the figures, with a contents page that points at the right pages", async () => {
    const pdf = await render(samplePortfolio({ evidence: 2, cpd: 3 }));
    const all = pdf.pages.join(" ");
    expect(pdf.pages[0]).toContain("Portfolio for appraisal");
    for (const text of [
      "Siân Ní Bhriain",
      "Care coordinator",
      "Riverside Health PCN",
      "Dr Tomos Evans",
      "2026/27 (1 April 2026 to 31 March 2027)",
      "25 November 2026 at 2:05pm",
      "version 2026.1",
    ]) {
      expect(pdf.pages[0]).toContain(text);
    }
    expect(all).toContain("1 of 2 competencies signed off");
    expect(all).toContain("2 October 2026");
    expect(all).toContain("Safeguarding adults level 2: expired on 1 October 2026");
    expect(all).toContain("4.5 hours of CPD from 3 activities");
    expect(all).toContain("2 meetings recorded (1 confirmed), 2 hours in total");
    expect(all).toContain("Status: Awaiting confirmation");
    expect(all).toContain("Concerns raised: safeguarding");
    expect(all).toContain("Appraiser");
    // Every column heading of the training table fits its column: none is broken across lines.
    expect(all).toMatch(/Training Required Status Completed Expires State Verified/);

    const contents = pdf.pages[1]!;
    const sections = [
      "Competency summary",
      "Evidence",
      "Training compliance",
      "Continuing professional development (CPD)",
      "Supervision record",
      "Declaration",
    ];
    for (const title of sections) {
      const page = Number(new RegExp(`${title.replace(/[()]/g, "\\$&")} (\\d+)`).exec(contents)?.[1]);
      expect(pdf.pages[page - 1]!.startsWith(title), `${title} on page ${page}`).toBe(true);
    }
  });

  it("has an Induction section with the checklist's status and each item, listed in the contents", async () => {
    const data = samplePortfolio({ evidence: 1 });
    data.induction = {
      setting: "GP practices across the PCN",
      status: "overdue",
      startsOn: "2026-10-05",
      dueOn: "2026-11-16",
      done: 1,
      total: 2,
      items: [
        { title: "Meet your supervisor and first point of contact", doneOn: "2026-10-07", doneBy: "Grace Okafor" },
        { title: "Learn the local referral pathways", doneOn: null, doneBy: null },
      ],
    };
    const pdf = await render(data);
    const page = Number(/Induction (\d+)/.exec(pdf.pages[1]!)?.[1]);
    const section = pdf.pages[page - 1]!;
    expect(section.startsWith("Induction")).toBe(true);
    for (const text of [
      "Setting: GP practices across the PCN",
      "Status: Overdue",
      "Items done: 1 of 2",
      "Due by: 16 November 2026",
      "Meet your supervisor and first point of contact",
      "7 October 2026",
      "Grace Okafor",
      "Learn the local referral pathways",
      "Not yet",
    ])
      expect(section).toContain(text);

    const without = await render({ ...data, induction: null });
    expect(without.pages.join(" ")).toContain("No induction checklist is recorded.");
  });

  it("numbers every page 'Page X of Y' with the right total", async () => {
    const pdf = await render(samplePortfolio({ evidence: 12, reflectionLength: 3000 }));
    expect(pdf.pageCount).toBeGreaterThan(8);
    pdf.pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pdf.pageCount}`));
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pageCount} of ${pdf.pageCount}`);
  });

  it("carries a 20,000 character reflection across several pages whole and in order", async () => {
    const words = Array.from({ length: 2000 }, (_, i) => `Gwenllïan${String(i).padStart(4, "0")}ŵŷ`);
    const reflection = words.join(" ").slice(0, 20_000);
    const data = samplePortfolio({ evidence: 1 });
    data.evidence[0]!.whatHappened = reflection;
    const pdf = await render(data);
    const found = pdf.pages.join(" ").match(/Gwenllïan\d{4}(?:ŵŷ)?/g) ?? [];
    const expected = reflection.match(/Gwenllïan\d{4}(?:ŵŷ)?/g) ?? [];
    expect(reflection.length).toBe(20_000);
    expect(found).toEqual(expected);
    const reflectionPages = new Set(pdf.pieces.filter((p) => p.text.includes("Gwenllïan")).map((p) => p.page));
    expect(reflectionPages.size).toBeGreaterThan(3);
  });

  it("keeps body text out of the header and footer bands on every page", async () => {
    const data = samplePortfolio({ evidence: 6, cpd: 120, training: 30, meetings: 10, reflectionLength: 4000 });
    const pdf = await render(data);
    for (let page = 1; page <= pdf.pageCount; page++) {
      const pieces = pdf.pieces.filter((p) => p.page === page);
      const band = (inBand: (p: (typeof pieces)[number]) => boolean) =>
        pieces
          .filter(inBand)
          .map((p) => p.text)
          .join(" ");
      expect(band((p) => p.y > p.pageHeight - 60)).toBe(
        "Care Portfolio · Portfolio for appraisal 2026/27 · Siân Ní Bhriain",
      );
      expect(band((p) => p.y < 60)).toBe(`Generated 25 November 2026 at 2:05pm Page ${page} of ${pdf.pageCount}`);
    }
  });

  it("keeps accented and Welsh names intact in an embedded font", async () => {
    const data = samplePortfolio({}, {});
    data.person.name = "Gwenllïan ŵ ŷ â ê î ô û";
    data.person.supervisors = ["Siân Ní Bhriain", "Zoë Ó Dónaill"];
    const pdf = await render(data);
    expect(pdf.pages[0]).toContain("Gwenllïan ŵ ŷ â ê î ô û");
    expect(pdf.pages[0]).toContain("Siân Ní Bhriain, Zoë Ó Dónaill");
    expect(pdf.pages.at(-1)).toContain("Member of staff: Gwenllïan ŵ ŷ â ê î ô û");
    expect(pdf.bytes.toString("latin1")).toMatch(/\/FontFile2/);
    expect(pdf.bytes.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
  });

  it("lists attachments by name, type and SHA-256 and shows PNG and JPEG pictures on the page", async () => {
    const data = samplePortfolio({ evidence: 1 });
    data.evidence[0]!.attachments = [
      {
        fileName: "certificate.png",
        mime: "image/png",
        size: 4689,
        sha256: "a1".repeat(32),
        imagePath: CERTIFICATE_PNG,
      },
      {
        fileName: "certificate.jpg",
        mime: "image/jpeg",
        size: 1971,
        sha256: "b2".repeat(32),
        imagePath: CERTIFICATE_JPEG,
      },
      { fileName: "attendance.pdf", mime: "application/pdf", size: 20480, sha256: "c3".repeat(32), imagePath: null },
      {
        fileName: "lost.png",
        mime: "image/png",
        size: 10,
        sha256: "d4".repeat(32),
        imagePath: "/nonexistent/lost.png",
      },
    ];
    const pdf = await render(data);
    const all = pdf.pages.join(" ");
    expect(all).toContain("certificate.png: image/png, 4.6 KB");
    expect(all).toContain("attendance.pdf: application/pdf, 20 KB");
    expect(all).toContain(`SHA-256: ${"c3".repeat(32)}`);
    expect(all).toContain("The image could not be shown.");
    expect(pdf.bytes.toString("latin1").match(/\/Subtype \/Image/g)?.length).toBe(2);
  });

  it("shows self-rated and confirmed levels side by side with the chart's figures, and the plan's goals", async () => {
    const pdf = await render(samplePortfolio({ goals: 3 }));
    const all = pdf.pages.join(" ");
    expect(all).toContain("2 of 3 competencies self-rated, 1 confirmed by a supervisor.");
    expect(all).toContain("Area Rating Not rated Not yet Developing Competent Confident to teach others");
    expect(all).toContain("Personalised care Self-rated 1 0 1 0 1");
    expect(all).toContain("Personalised care Confirmed 2 0 0 1 0");
    expect(all).toContain(
      "Holds what matters conversations Confident to teach others (14 September 2026) Competent (20 June 2026)",
    );
    expect(all).toContain("Connects people to community groups — —");
    expect(all).toContain("3 goals have a target date in the appraisal period: 1 in progress, 1 achieved, 1 dropped.");
    expect(all).toContain(
      "Goal 1: run a group session on living well Competencies: Holds what matters conversations 1 January 2026 Achieved Agreed by Dr Tomos Evans on 4 May 2026",
    );
    expect(all).toMatch(/Goal 2: .+ 2 February 2026 In progress Not yet agreed/);
    expect(all).toContain("Dropped: The group moved to another team.");
  });

  it("says so when the year has no evidence, CPD or supervision rather than leaving sections blank", async () => {
    const pdf = await render(samplePortfolio({ evidence: 0, cpd: 0, meetings: 0 }));
    const all = pdf.pages.join(" ");
    expect(all).toContain("No evidence is dated within this appraisal period.");
    expect(all).toContain("0 hours of CPD from 0 activities");
    expect(all).toContain("No supervision meetings are recorded in this appraisal period.");
  });

  it("says so when nothing is self-rated and no goal is due in the year, with no chart", async () => {
    const data = samplePortfolio({ goals: 0 });
    for (const area of data.selfAssessment.areas)
      area.competencies = area.competencies.map((c) => ({ ...c, self: null, confirmed: null }));
    const all = (await render(data)).pages.join(" ");
    expect(all).toContain("0 of 3 competencies self-rated, 0 confirmed by a supervisor.");
    expect(all).not.toContain("Area Rating Not rated");
    expect(all).toContain("No goals in the personal development plan have a target date in this appraisal period.");
  });
});

describe("the latest appraisal in the portfolio PDF", () => {
  it("shows its date, appraiser, period, summary, objectives and both confirmations, or says there is none", async () => {
    const data = samplePortfolio({ evidence: 1 });
    data.appraisal = {
      heldOn: "2026-04-20",
      appraiser: "Priya Shah",
      period: { start: "2025-04-01", end: "2026-03-31" },
      status: "awaiting-person",
      summary: "Took on the frailty caseload and led two group sessions.",
      objectives: [{ title: "Lead the frailty huddle", targetDate: "2026-09-30" }],
      appraiserConfirmedAt: "2026-04-20T14:05:00.000Z",
      personConfirmedAt: null,
    };
    const all = (await render(data)).pages.join(" ");
    for (const text of [
      "Latest appraisal",
      "Date: 20 April 2026",
      "Appraiser: Priya Shah",
      "Period: 1 April 2025 to 31 March 2026",
      "Status: Waiting for the person to confirm",
      "Confirmed by the appraiser: 20 April 2026 at 3:05pm",
      `Confirmed by ${data.person.name}: Not yet`,
      "Took on the frailty caseload and led two group sessions.",
      "Lead the frailty huddle 30 September 2026",
    ])
      expect(all).toContain(text);
    delete data.appraisal;
    expect((await render(data)).pages.join(" ")).toContain("No appraisal is recorded yet.");
  });
});
