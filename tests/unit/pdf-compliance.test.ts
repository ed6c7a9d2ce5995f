import { describe, expect, it } from "vitest";
import { type ComplianceReportData, renderComplianceReport } from "~/pdf/compliance-report";
import { renderToText } from "../fixtures/pdf/extract";
import { sampleComplianceReport as report } from "../fixtures/pdf/sample-compliance";

describe("PCN compliance report PDF", () => {
  it("is dated and has the figures, compliance by requirement, and each person's readiness and expiries", async () => {
    const pdf = await renderToText((out) => renderComplianceReport(report(4), out));
    const all = pdf.pages.join(" ");
    expect(all).toContain("PCN compliance report");
    expect(all).toContain("Primary care network: Riverside Health PCN (U00042)");
    expect(all).toContain("Position on: 25 November 2026");
    expect(all).toContain("Ready to take referrals 3");
    expect(all).toContain("Safeguarding adults level 2 9 5 1 0 2 1");
    expect(all).toMatch(
      /Siân Ní Bhriain Care coordinator Not ready Safeguarding adults level 2: expired 1 October 2026 Overdue, due 1 November 2026/,
    );
    expect(all).toContain("Staff member 3");
    expect(all).toContain("What stops staff taking referrals");
    expect(all).toMatch(/Pat Pending Care coordinator Ready pending verification/);
    expect(all).toContain("Pat Pending: ready pending verification");
    expect(all).toContain("PCI-accredited care coordinator training: enrolled, not yet verified");
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pageCount} of ${pdf.pageCount}`);
  });

  it("lists the renewals due in each of the next 12 months, with who for one PCN", async () => {
    const forecast = ["November 2026", "December 2026", "January 2027"].map((label) => ({
      label,
      total: 0,
      requirements: [] as ComplianceReportData["forecast"][number]["requirements"],
    }));
    forecast[1] = {
      label: "December 2026",
      total: 2,
      requirements: [
        {
          title: "Fire safety level 1",
          count: 2,
          people: [
            { name: "Ann Archer", expiresOn: "2026-12-03" },
            { name: "Ben Baker", expiresOn: "2026-12-20" },
          ],
        },
      ],
    };
    const pdf = await renderToText((out) => renderComplianceReport({ ...report(2), forecast }, out));
    const all = pdf.pages.join(" ");
    expect(all).toContain("Renewals due in the next 12 months");
    expect(all).toContain("Month Training Staff Who (expiry date)");
    expect(all).toContain("November 2026 Nothing lapses 0");
    expect(all).toContain(
      "December 2026 Fire safety level 1 2 Ann Archer (3 December 2026) Ben Baker (20 December 2026)",
    );
    expect(all).toContain("January 2027 Nothing lapses 0");

    const national = forecast.map((m) => ({
      ...m,
      requirements: m.requirements.map((r) => ({ ...r, people: null })),
    }));
    const nationalPdf = (
      await renderToText((out) => renderComplianceReport({ ...report(2), forecast: national }, out))
    ).pages.join(" ");
    expect(nationalPdf).toContain("December 2026 Fire safety level 1 2");
    expect(nationalPdf).not.toContain("Ann Archer");
  });

  it("runs a long staff list over several pages, repeating the table's header row", async () => {
    const pdf = await renderToText((out) => renderComplianceReport(report(80), out));
    expect(pdf.pageCount).toBeGreaterThan(2);
    for (const n of [1, 40, 79]) expect(pdf.pages.join(" ")).toContain(`Staff member ${n} `);
    expect(pdf.pages.filter((text) => text.includes("Name and role Ready for referrals")).length).toBe(pdf.pageCount);
    pdf.pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pdf.pageCount}`));
  });
});
