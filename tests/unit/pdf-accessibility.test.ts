/**
 * Both PDFs are accessible documents (PDF/UA-1), checked by qpdf and PDF.js (tests/fixtures/pdf/accessibility.ts):
 * tagged headings, paragraphs, lists, tables and figures in reading order, page furniture as artifacts, British
 * English, the title shown, fonts embedded. The checker is shown to catch what it checks on documents that break it.
 */
import PDFDocument from "pdfkit";
import { beforeAll, describe, expect, it } from "vitest";
import { renderComplianceReport } from "~/pdf/compliance-report";
import { type PortfolioData, renderPortfolio } from "~/pdf/portfolio-document";
import { samplePortfolio } from "../../scripts/lib/sample-portfolio";
import { checkPdfUa, elementsOf, type PdfUaReport, textOf } from "../fixtures/pdf/accessibility";
import { CERTIFICATE_JPEG, CERTIFICATE_PNG } from "../fixtures/pdf/certificates";
import { renderToBytes } from "../fixtures/pdf/extract";
import { sampleComplianceReport } from "../fixtures/pdf/sample-compliance";

const checkPortfolio = async (data: PortfolioData) =>
  checkPdfUa(await renderToBytes((out) => renderPortfolio(data, out)));

/** A portfolio with pictures, a training list and tables long enough to run over pages. */
function fullPortfolio(): PortfolioData {
  const data = samplePortfolio({ evidence: 3, cpd: 70, meetings: 3, goals: 5 });
  data.evidence[0]!.attachments = [
    { fileName: "certificate.png", mime: "image/png", size: 4689, sha256: "a1".repeat(32), imagePath: CERTIFICATE_PNG },
    {
      fileName: "certificate.jpg",
      mime: "image/jpeg",
      size: 1971,
      sha256: "b2".repeat(32),
      imagePath: CERTIFICATE_JPEG,
    },
  ];
  return data;
}

// Laying out and reading a whole portfolio takes seconds on a busy machine.
describe("the portfolio PDF is PDF/UA-1", { timeout: 60_000 }, () => {
  let full: PdfUaReport;
  beforeAll(async () => {
    full = await checkPortfolio(fullPortfolio());
  }, 60_000);

  it("passes every check: tagged, in British English, titled, fonts embedded, nothing drawn untagged", () => {
    const report = full;
    expect(report.problems).toEqual([]);
    expect(report.lang).toBe("en-GB");
    expect(report.title).toBe("Portfolio for appraisal 2026/27: Siân Ní Bhriain");
    expect(report.xmpTitle).toBe(report.title);
  });

  it("reads in order: the cover, the contents (linking to each section), then the sections as the pages run", () => {
    const { root } = full;
    const sections = [
      "Competency summary",
      "Self-assessment",
      "Evidence",
      "Training compliance",
      "Continuing professional development (CPD)",
      "Supervision record",
      "Induction",
      "Personal development plan",
      "Latest appraisal",
      "Declaration",
    ];
    expect(elementsOf(root, "H1").map(textOf)).toEqual(["Portfolio for appraisal", "Contents", ...sections]);
    expect(elementsOf(root, "Link").map(textOf)).toEqual(sections);
    expect(textOf(root)).not.toContain("Page 1 of");
    expect(textOf(root)).not.toContain("Care Portfolio · Portfolio for appraisal");
  });

  it("describes the chart and each picture, and has the chart's figures in a table with header cells", () => {
    const { root } = full;
    expect(elementsOf(root, "Figure").map((f) => f.alt)).toEqual([
      "Bar chart of how many competencies in each area stand at each level, self-rated and confirmed. Personalised care: self-rated 1 not rated, 1 developing, 1 confident to teach others; confirmed 2 not rated, 1 competent.",
      "Picture attached to this evidence: certificate.png",
      "Picture attached to this evidence: certificate.jpg",
    ]);
    const figures = elementsOf(root, "Table").find((t) => textOf(t).startsWith("Area Rating Not rated"))!;
    expect(elementsOf(figures, "TH").map(textOf)).toEqual([
      "Area",
      "Rating",
      "Not rated",
      "Not yet",
      "Developing",
      "Competent",
      "Confident to teach others",
    ]);
    expect(elementsOf(figures, "TR").slice(1).map(textOf)).toEqual([
      "Personalised care Self-rated 1 0 1 0 1",
      "Personalised care Confirmed 2 0 0 1 0",
    ]);
  });

  it("tags a table that runs over pages once, with its header row once, and a list as a list", () => {
    const { root } = full;
    const cpd = elementsOf(root, "Table").find((t) => textOf(t).startsWith("Date Activity Type Hours"))!;
    expect(elementsOf(cpd, "TH")).toHaveLength(4);
    expect(elementsOf(cpd, "TR")).toHaveLength(71);
    expect(elementsOf(root, "LI").map(textOf)).toEqual(["• Safeguarding adults level 2: expired on 1 October 2026"]);
  });

  it("keeps a reflection that runs over several pages as one paragraph, whole and in order", async () => {
    const data = samplePortfolio({ evidence: 1 });
    const words = Array.from({ length: 1500 }, (_, i) => `Gwenllïan${String(i).padStart(4, "0")}`);
    data.evidence[0]!.whatHappened = words.join(" ");
    const report = await checkPortfolio(data);
    expect(report.problems).toEqual([]);
    const reflection = elementsOf(report.root, "P").filter((p) => textOf(p).includes("Gwenllïan"));
    expect(reflection).toHaveLength(1);
    expect(textOf(reflection[0]!).match(/Gwenllïan\d{4}/g)).toEqual(words);
  });
});

describe("the PCN compliance report PDF is PDF/UA-1", { timeout: 60_000 }, () => {
  it("passes every check, with headings that nest and each person's blockers as a list", async () => {
    const report = await checkPdfUa(
      await renderToBytes((out) => renderComplianceReport(sampleComplianceReport(80), out)),
    );
    expect(report.problems).toEqual([]);
    expect(report.lang).toBe("en-GB");
    expect(elementsOf(report.root, "H1").map(textOf)).toEqual(["PCN compliance report"]);
    expect(elementsOf(report.root, "H3").map(textOf)).toEqual([
      "Siân Ní Bhriain: not ready",
      "Pat Pending: ready pending verification",
    ]);
    expect(elementsOf(report.root, "LBody").map(textOf)).toEqual([
      "Safeguarding adults level 2: expired on 1 October 2026",
      "PCI-accredited care coordinator training: enrolled, not yet verified",
    ]);
  });

  it("keeps its title valid in the XMP metadata when the PCN's name has an ampersand", async () => {
    const data = { ...sampleComplianceReport(2), scope: "Bath & North East Somerset <B&NES> PCN" };
    const report = await checkPdfUa(await renderToBytes((out) => renderComplianceReport(data, out)));
    expect(report.problems).toEqual([]);
    expect(report.title).toBe("PCN compliance report: Bath & North East Somerset <B&NES> PCN");
    expect(report.xmpTitle).toBe(report.title);
  });
});

describe("the PDF/UA checks", () => {
  const bytesOf = (draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}) =>
    renderToBytes((out) => {
      const doc = new PDFDocument({ pdfVersion: "1.7", ...options });
      draw(doc);
      const done = new Promise<void>((resolve) => out.once("finish", resolve));
      doc.pipe(out);
      doc.end();
      return done;
    });

  it("find an untagged document, its missing language and title, untagged drawing and an unembedded font", async () => {
    const bytes = await bytesOf((doc) => {
      doc.text("Hello");
      doc.image(CERTIFICATE_PNG, 50, 100, { width: 100 });
      doc.moveTo(50, 300).lineTo(200, 300).stroke();
    });
    const { problems } = await checkPdfUa(bytes);
    expect(problems).toEqual(
      expect.arrayContaining([
        "MarkInfo /Marked is not true",
        "DisplayDocTitle is not true",
        "the catalog has no /Lang",
        "the document information has no /Title",
        "XMP metadata has no pdfuaid:part 1",
        "XMP metadata has no dc:title",
        "no StructTreeRoot",
        "page 1 draws 3 things neither tagged nor artifacts",
        "font Helvetica is not embedded",
      ]),
    );
  });

  it("find a skipped heading level, a figure without alternative text, a table without headers and an untagged link", async () => {
    const bytes = await bytesOf(
      (doc) => {
        const root = doc.struct("Document");
        doc.addStructure(root);
        root.add(doc.struct("H1", {}, () => doc.text("One")));
        root.add(doc.struct("H3", {}, () => doc.text("Three")));
        root.add(doc.struct("Figure", {}, () => doc.rect(50, 200, 40, 40).fill()));
        const table = doc.struct("Table");
        root.add(table);
        const row = doc.struct("TR");
        table.add(row);
        row.add(doc.struct("TD", {}, () => doc.text("A cell")));
        row.end();
        table.end();
        doc.link(50, 300, 100, 12, "https://care-portfolio.example/");
      },
      { tagged: true, lang: "en-GB", displayTitle: true, info: { Title: "Broken" } },
    );
    const { problems } = await checkPdfUa(bytes);
    expect(problems).toEqual(
      expect.arrayContaining([
        "an H3 follows an H1",
        "a Figure has no alternative text",
        "a table has no header cell",
        "page 1 has an annotation outside the tree",
        "page 1 has an annotation without /Contents",
      ]),
    );
  });
});
