/**
 * The PDF benchmark's baseline is fair (scripts/lib/bench/pdf-replay.ts): pdfkit replaying what our layout drew puts
 * the same text in the same places on the same pages, and its tagged replay writes the same structure, so "pdfkit's
 * own time for the same text" (issue 12) really is for the same text.
 */
import { describe, expect, it } from "vitest";
import { renderPortfolio } from "~/pdf/portfolio-document";
import { samplePortfolio } from "../../scripts/lib/sample-portfolio";
import { record, type Recording, replay } from "../../scripts/lib/bench/pdf-replay";
import { checkPdfUa, type TaggedNode } from "../fixtures/pdf/accessibility";
import { readPdf, renderToBytes } from "../fixtures/pdf/extract";

/** Each element's role and text, depth first: the structure a screen reader walks. */
const outline = (node: TaggedNode): string[] => [`${node.role}: ${node.text}`, ...node.children.flatMap(outline)];

describe("pdfkit replaying our portfolio, the PDF benchmark's baseline", { timeout: 120_000 }, () => {
  it("draws the same text in the same places, and with tags the same structure", async () => {
    // Long enough for reflections and a table to run over pages.
    const data = samplePortfolio({ evidence: 3, cpd: 70, meetings: 2, reflectionLength: 3000 });
    let recording: Recording | undefined;
    const ours = await renderToBytes(async (out) => {
      recording = await record((into) => renderPortfolio(data, into), out);
    });
    const plain = await renderToBytes((out) => replay(recording!, false, out));
    const tagged = await renderToBytes((out) => replay(recording!, true, out));

    const [oursText, plainText, taggedText] = await Promise.all([readPdf(ours), readPdf(plain), readPdf(tagged)]);
    expect(oursText.pageCount).toBeGreaterThan(8);
    expect(plainText.pieces).toEqual(oursText.pieces);
    expect(taggedText.pieces).toEqual(oursText.pieces);

    const [oursTags, taggedTags] = await Promise.all([checkPdfUa(ours), checkPdfUa(tagged)]);
    expect(taggedTags.problems).toEqual([]);
    expect(outline(taggedTags.root)).toEqual(outline(oursTags.root));
    expect(plain.toString("latin1")).not.toContain("/StructTreeRoot");
  });
});
