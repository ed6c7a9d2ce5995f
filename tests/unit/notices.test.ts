import { describe, expect, it } from "vitest";
import { composeDigest, trainingThreshold, type DigestNotice } from "~/domain/notices";

describe("training thresholds", () => {
  it("are the nearest of 90, 60, 30 and 7 days reached, then expired from the expiry date", () => {
    const cases: [number, string | null][] = [
      [120, null],
      [91, null],
      [90, "90"],
      [61, "90"],
      [60, "60"],
      [31, "60"],
      [30, "30"],
      [8, "30"],
      [7, "7"],
      [1, "7"],
      [0, "expired"],
      [-400, "expired"],
    ];
    expect(cases.map(([days]) => [days, trainingThreshold(days)])).toEqual(cases);
  });
});

describe("digests", () => {
  const notices: DigestNotice[] = [
    { audience: "pcn", kind: "training-expiry", title: "Asha’s fire safety expired", link: "/people/3/training" },
    {
      audience: "own",
      kind: "supervision-due",
      title: "Your supervision is due by 1 December 2026",
      link: "/people/9/supervision",
    },
    {
      audience: "supervisee",
      kind: "evidence-waiting",
      title: "Evidence “<b>A & B</b>” has waited",
      link: "/evidence/4",
    },
    { audience: "pcn", kind: "training-expiry", title: "Ben’s fire safety expired", link: "/people/4/training" },
  ];

  it("put the person's own items first, then supervisees', then the PCN as counts, with links from the base URL", () => {
    const digest = composeDigest("Lena Lead", notices, "https://portfolio.example.nhs.uk/");
    expect(digest.subject).toBe("Care Portfolio: 4 things need your attention");
    const text = digest.text.split("\n");
    const at = (line: string) => text.indexOf(line);
    expect(at("About you")).toBeGreaterThan(0);
    expect(at("About you")).toBeLessThan(at("People you supervise"));
    expect(at("People you supervise")).toBeLessThan(at("Your PCN"));
    expect(text).toContain("- 2 training records expiring or expired: https://portfolio.example.nhs.uk/dashboard");
    expect(digest.text).not.toContain("Asha");
    expect(text).toContain(
      "- Your supervision is due by 1 December 2026: https://portfolio.example.nhs.uk/people/9/supervision",
    );
  });

  it("escape what people typed in the HTML part", () => {
    const { html } = composeDigest("Sam <Supervisor>", notices, "https://portfolio.example.nhs.uk");
    expect(html).toContain("Dear Sam &lt;Supervisor&gt;,");
    expect(html).toContain(
      '<a href="https://portfolio.example.nhs.uk/evidence/4">Evidence “&lt;b&gt;A &amp; B&lt;/b&gt;” has waited</a>',
    );
    expect(html).not.toContain("<b>");
  });

  it("count a PCN's overdue development goals and waiting self-assessment ratings in plain words", () => {
    const pcn = (kind: DigestNotice["kind"], n: number) =>
      Array.from({ length: n }, (): DigestNotice => ({ audience: "pcn", kind, title: "-", link: "/" }));
    const { text } = composeDigest(
      "Lena Lead",
      [...pcn("goal-overdue", 2), ...pcn("rating-waiting", 1)],
      "https://x.nhs.uk",
    );
    expect(text).toContain("- 2 development goals overdue: https://x.nhs.uk/dashboard");
    expect(text).toContain("- 1 self-assessment rating waiting for confirmation: https://x.nhs.uk/dashboard");
  });
});
