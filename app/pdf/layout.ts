/**
 * Drawing primitives the PDF documents share: fonts, headings, wrapped text, lists, tables, images, charts, signature
 * boxes and the header and footer stamped on every page. Everything here lays out; nothing here reads the database.
 *
 * Every document is tagged for PDF/UA-1 (ADR 0022): each primitive draws its content inside marked content and adds
 * the matching structure element (H1-H3, P, L/LI, Table/TR/TH/TD, Figure with its alternative text) to the current
 * section, in the order a reader should meet it; rules, shading, borders, the running header and the footer are
 * artifacts. A section drawn only with these primitives is tagged without any code of its own.
 */
import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { formatDate, formatDateTime, formatInstantDate } from "~/domain/format";

export type Doc = PDFKit.PDFDocument;

// DejaVu Sans covers Welsh (ŵ ŷ), Irish and most European accents; pdfkit's built-in Helvetica does not.
// Resolved from the working directory, as the content directory is, so the built server finds them too.
const FONT_DIR = path.resolve("app/pdf/fonts");
const REGULAR = "Body";
const BOLD = "Bold";

const COLOUR = { text: "#212b32", secondary: "#4c6272", blue: "#005eb8", border: "#d8dde0", shade: "#f0f4f5" } as const;
const SIZE = { h1: 18, h2: 14, h3: 11.5, body: 10, small: 8.5, margin: 8 } as const;
const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 } as const;

/**
 * A font file's bytes, or the font pdfkit parsed from them: its fontkit font, which pdfkit also accepts as a source
 * (its types do not say so).
 */
type FontSource = PDFKit.Mixins.PDFFontSource;

let fontSources: Record<typeof REGULAR | typeof BOLD, FontSource> | undefined;

function fonts() {
  fontSources ??= {
    [REGULAR]: fs.readFileSync(path.join(FONT_DIR, "DejaVuSans.ttf")),
    [BOLD]: fs.readFileSync(path.join(FONT_DIR, "DejaVuSans-Bold.ttf")),
  };
  return fontSources;
}

/**
 * pdfkit parses a font file afresh for every document that uses it, and the parse (tables, metrics, shaping rules)
 * is a good part of a small document's time. So once a document has parsed a font, the parsed font is kept and
 * registered in every later document instead of the file. Each document still makes its own subset of the glyphs it
 * draws, and a font a document never uses is never opened, as before.
 */
function keepParsedFonts(doc: Doc) {
  const sources = fonts();
  const opened = (doc as unknown as { _fontFamilies: Record<string, { font: FontSource } | undefined> })._fontFamilies;
  for (const name of [REGULAR, BOLD] as const) {
    const parsed = opened[name]?.font;
    if (parsed && Buffer.isBuffer(sources[name])) sources[name] = parsed;
  }
}

/**
 * pdfkit hands each piece of the file to its stream on its own: an object's number, its dictionary, its stream and
 * "endobj" are four pushes, and a tagged portfolio has an object for every heading, paragraph and table cell. The
 * pieces are gathered here and passed on OUTPUT_CHUNK bytes at a time: the same bytes in the same order.
 */
const OUTPUT_CHUNK = 64 * 1024;

function gatherOutput(doc: Doc) {
  const stream = doc as unknown as { push(chunk: Uint8Array | null): boolean };
  const push = stream.push.bind(doc);
  let pieces: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    push(Buffer.concat(pieces, size));
    pieces = [];
    size = 0;
  };
  stream.push = (chunk) => {
    if (chunk === null) {
      flush();
      return push(null);
    }
    pieces.push(chunk);
    size += chunk.length;
    if (size >= OUTPUT_CHUNK) flush();
    return true;
  };
}

type Element = PDFKit.PDFStructureElement;

/** Where the structure tree stands while a document is drawn: its root, and the element new content goes into. */
interface Structure {
  root: Element;
  parent: Element;
}

const structures = new WeakMap<Doc, Structure>();

function structureOf(doc: Doc): Structure {
  const structure = structures.get(doc);
  if (!structure) throw new Error("Draw only on a document made by createDocument");
  return structure;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * pdfkit copies the title and subject into the XMP metadata as they are, so an "&" in a PCN's name would make the
 * XML invalid and the document lose its PDF/UA title. They are escaped there only: the document information
 * dictionary keeps them as typed.
 */
function escapeMetadataText(doc: Doc) {
  const internals = doc as unknown as { info: Record<string, unknown>; _addInfo(): void };
  const addInfo = internals._addInfo.bind(doc);
  internals._addInfo = () => {
    const typed = internals.info;
    internals.info = Object.fromEntries(
      Object.entries(typed).map(([key, value]) => [
        key,
        typeof value === "string" ? value.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!) : value,
      ]),
    );
    try {
      addInfo();
    } finally {
      internals.info = typed;
    }
  };
}

/**
 * An A4 PDF/UA-1 document in British English with embedded fonts, its pages held back so every footer can say
 * "Page X of Y". `createdAt` (the moment the data was gathered) also seeds pdfkit's document ID, so the same data
 * always gives the same bytes, whichever thread lays it out.
 */
export function createDocument(info: { title: string; subject: string; createdAt?: Date }): Doc {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en-GB",
    displayTitle: true,
    tagged: true,
    // pdfkit's types do not list PDF/UA yet: it writes pdfuaid:part 1 into the XMP metadata.
    subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
    info: {
      Title: info.title,
      Subject: info.subject,
      Creator: "Care Portfolio",
      CreationDate: info.createdAt ?? new Date(),
    },
  });
  escapeMetadataText(doc);
  gatherOutput(doc);
  const root = doc.struct("Document");
  doc.addStructure(root);
  structures.set(doc, { root, parent: root });
  doc.registerFont(REGULAR, fonts()[REGULAR]);
  doc.registerFont(BOLD, fonts()[BOLD]);
  doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);
  return doc;
}

/** Ends the document into `out`, resolving once every byte is written. */
export function finish(doc: Doc, out: Writable): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    out.once("finish", resolve);
    out.once("error", reject);
    doc.once("error", reject);
  });
  keepParsedFonts(doc);
  doc.pipe(out);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const left = (doc: Doc) => doc.page.margins.left;

interface TagOptions {
  /** The element to add to; the current section unless given. */
  parent?: Element;
  /** Alternative text, which a Figure must have. */
  alt?: string;
  /** Left, top, right and bottom on the page, for a Figure. */
  bbox?: [number, number, number, number];
  /** For a header cell: the cells it heads. */
  scope?: "Column" | "Row";
}

/**
 * Draws one piece of content as a structure element of `type`. Nothing inside `draw` may start a page itself: text
 * that flows onto the next page is carried there by pdfkit, which continues the marked content.
 */
function tagged(doc: Doc, type: string, draw: () => void, options: TagOptions = {}) {
  const { parent = structureOf(doc).parent, ...attributes } = options;
  const content = doc.markStructureContent(type);
  draw();
  doc.endMarkedContent();
  parent.add(doc.struct(type, attributes as PDFKit.Mixins.StructureElementOptions, [content]));
}

/** Draws page furniture a reader skips: rules, shading, borders, and the running header and footer. */
function artifact(doc: Doc, draw: () => void, options: PDFKit.Mixins.MarkingOptions = { type: "Layout" }) {
  doc.markContent("Artifact", options);
  draw();
  doc.endMarkedContent();
}

/** An element that groups others (a list, a table, a row), added to the current section or to `parent`. */
function group(doc: Doc, type: string, parent: Element = structureOf(doc).parent): Element {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/** Draws with `element` as the current section, e.g. the contents, whose place in the reading order was kept. */
function within(doc: Doc, element: Element, draw: () => void) {
  const structure = structureOf(doc);
  const outer = structure.parent;
  structure.parent = element;
  try {
    draw();
  } finally {
    structure.parent = outer;
  }
}

/** Starts a new page unless `height` points still fit on this one, so a heading never ends a page alone. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string, level: 1 | 2 | 3) {
  const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
  ensureSpace(doc, size * 5);
  if (level > 1) doc.y += 8;
  doc
    .font(BOLD)
    .fontSize(size)
    .fillColor(level === 1 ? COLOUR.blue : COLOUR.text);
  tagged(doc, `H${level}`, () => doc.text(text, left(doc), doc.y, { width: contentWidth(doc) }));
  doc.y += 4;
}

/** Wrapped text that flows onto as many pages as it needs. */
export function paragraph(doc: Doc, text: string, options: { secondary?: boolean; size?: number } = {}) {
  doc
    .font(REGULAR)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.secondary ? COLOUR.secondary : COLOUR.text);
  tagged(doc, "P", () => doc.text(text, left(doc), doc.y, { width: contentWidth(doc), paragraphGap: 4 }));
}

const BULLET_INDENT = 12;

/** A bulleted list: each item's text hangs beside its bullet and flows onto the next page if it must. */
export function bulletList(doc: Doc, items: readonly string[]) {
  if (items.length === 0) return;
  const list = group(doc, "L");
  for (const text of items) {
    ensureSpace(doc, SIZE.body * 2);
    const item = group(doc, "LI", list);
    const y = doc.y;
    doc.font(REGULAR).fontSize(SIZE.body).fillColor(COLOUR.text);
    tagged(doc, "Lbl", () => doc.text("•", left(doc), y, { width: BULLET_INDENT, lineBreak: false }), {
      parent: item,
    });
    tagged(
      doc,
      "LBody",
      () => doc.text(text, left(doc) + BULLET_INDENT, y, { width: contentWidth(doc) - BULLET_INDENT, paragraphGap: 4 }),
      { parent: item },
    );
    item.end();
  }
  list.end();
}

/** "Label: value" lines, the label in bold. */
export function fields(doc: Doc, pairs: readonly (readonly [string, string])[]) {
  doc.fontSize(SIZE.body).fillColor(COLOUR.text);
  for (const [label, value] of pairs) {
    ensureSpace(doc, SIZE.body * 2);
    tagged(doc, "P", () => {
      doc.font(BOLD).text(`${label}: `, left(doc), doc.y, { width: contentWidth(doc), continued: true });
      doc.font(REGULAR).text(value, { paragraphGap: 2 });
    });
  }
}

/** A bold label on a line of its own, kept with the start of what follows it. */
export function label(doc: Doc, text: string) {
  ensureSpace(doc, SIZE.body * 4);
  doc.y += 3;
  doc.font(BOLD).fontSize(SIZE.body).fillColor(COLOUR.text);
  tagged(doc, "P", () => doc.text(text, left(doc), doc.y, { width: contentWidth(doc) }));
}

/** A labelled block of long text, e.g. one part of a reflection. */
export function labelledText(doc: Doc, title: string, text: string) {
  label(doc, title);
  paragraph(doc, text.trim() || "Nothing written.");
}

/** Vertical space, in lines of body text. */
export function gap(doc: Doc, lines = 0.6) {
  doc.y += lines * SIZE.body * 1.2;
}

export function rule(doc: Doc) {
  ensureSpace(doc, SIZE.margin * 2);
  const y = doc.y + SIZE.margin / 2;
  artifact(doc, () =>
    doc
      .moveTo(left(doc), y)
      .lineTo(left(doc) + contentWidth(doc), y)
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .stroke(),
  );
  doc.y = y + SIZE.margin;
}

export interface Column {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: "left" | "right";
}

const CELL_PAD = 4;

/**
 * A table whose rows never split: a row that does not fit starts a new page, which repeats the header row (as page
 * furniture: the table's structure has it once). A cell taller than a whole page (which the forms' length limits
 * should prevent) is cut with an ellipsis rather than drawn over the footer.
 */
export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[]) {
  const x0 = left(doc);
  const widths = columns.map((c) => c.width * contentWidth(doc));
  const maxRowHeight = bottomLimit(doc) - doc.page.margins.top - 40;

  // Most cells are one short line; measuring their width is far cheaper than laying them out to find their height.
  const cellHeight = (cell: string, width: number) =>
    !cell.includes("\n") && doc.widthOfString(cell) <= width
      ? doc.currentLineHeight(true)
      : doc.heightOfString(cell || " ", { width });
  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(SIZE.small);
    const tallest = Math.max(...cells.map((cell, i) => cellHeight(cell, widths[i]! - 2 * CELL_PAD)));
    return Math.min(tallest + 2 * CELL_PAD, maxRowHeight);
  };

  const element = group(doc, "Table");
  /** Draws a row; `row` is the structure element its cells go into, or null for a header repeated as furniture. */
  const drawRow = (cells: readonly string[], header: boolean, height: number, row: Element | null) => {
    const y = doc.y;
    if (header)
      artifact(doc, () =>
        doc
          .rect(
            x0,
            y,
            widths.reduce((a, b) => a + b, 0),
            height,
          )
          .fill(COLOUR.shade),
      );
    let x = x0;
    doc
      .font(header ? BOLD : REGULAR)
      .fontSize(SIZE.small)
      .fillColor(COLOUR.text);
    cells.forEach((cell, i) => {
      const draw = () =>
        doc.text(cell, x + CELL_PAD, y + CELL_PAD, {
          width: widths[i]! - 2 * CELL_PAD,
          height: height - 2 * CELL_PAD,
          ellipsis: true,
          align: columns[i]!.align ?? "left",
        });
      const type = header ? "TH" : "TD";
      const scope = header ? ("Column" as const) : undefined;
      if (!row) artifact(doc, draw, { type: "Pagination" });
      else if (cell === "") row.add(doc.struct(type, { scope } as PDFKit.Mixins.StructureElementOptions, []));
      else tagged(doc, type, draw, { parent: row, scope });
      x += widths[i]!;
    });
    const bottom = y + height;
    artifact(doc, () => doc.moveTo(x0, bottom).lineTo(x, bottom).lineWidth(0.5).strokeColor(COLOUR.border).stroke());
    doc.x = x0;
    doc.y = bottom;
  };
  const tagRow = (cells: readonly string[], header: boolean, height: number) => {
    const row = group(doc, "TR", element);
    drawRow(cells, header, height, row);
    row.end();
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, BOLD);
  const heights = rows.map((row) => rowHeight(row, REGULAR));
  ensureSpace(doc, headerHeight + (heights[0] ?? 0));
  tagRow(headers, true, headerHeight);
  rows.forEach((row, i) => {
    if (doc.y + heights[i]! > bottomLimit(doc)) {
      doc.addPage();
      drawRow(headers, true, headerHeight, null);
    }
    tagRow(row, false, heights[i]!);
  });
  element.end();
  doc.y += SIZE.margin;
}

interface OpenedImage {
  width: number;
  height: number;
  orientation?: number;
}

/**
 * A PNG or JPEG from disk, scaled to fit the content width and at most `maxHeight` points tall, tagged as a Figure
 * with `alt` as its alternative text. Returns false when the file is missing or is not an image pdfkit can read, so
 * one bad upload does not stop the whole document.
 */
export function image(doc: Doc, file: string, alt: string, maxHeight = 260): boolean {
  let opened: OpenedImage;
  try {
    opened = (doc as unknown as { openImage(src: string): OpenedImage }).openImage(file);
  } catch {
    return false;
  }
  const [w, h] = (opened.orientation ?? 1) > 4 ? [opened.height, opened.width] : [opened.width, opened.height];
  const scale = Math.min(1, contentWidth(doc) / w, maxHeight / h);
  ensureSpace(doc, h * scale + SIZE.margin);
  const [x, y, width, height] = [left(doc), doc.y, w * scale, h * scale];
  tagged(doc, "Figure", () => doc.image(file, x, y, { width, height }), { alt, bbox: [x, y, x + width, y + height] });
  doc.y += height + SIZE.margin;
  doc.x = left(doc);
  return true;
}

export interface ChartBar {
  label: string;
  /** One number per key of the chart, in the keys' order. */
  values: readonly number[];
}

const CHART = { labelWidth: 150, barHeight: 14, rowGap: 6, keyHeight: 16 } as const;
// From light to dark (NHS pale grey to NHS dark blue), so the order of the keys reads without colour as well.
const CHART_RAMP = [
  [0xe8, 0xed, 0xee],
  [0x00, 0x30, 0x87],
] as const;

function rampColour(index: number, count: number): string {
  const t = count < 2 ? 1 : index / (count - 1);
  const [from, to] = CHART_RAMP;
  const channel = (i: number) => Math.round(from[i]! + (to[i]! - from[i]!) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Horizontal bars split into segments, one per key in order (lightest first), each labelled with its number, with a
 * key below. Drawn as one Figure whose alternative text is `alt`: put the same figures in a table beside it.
 */
export function stackedBarChart(doc: Doc, chart: { alt: string; keys: readonly string[]; bars: readonly ChartBar[] }) {
  const x0 = left(doc);
  const barsX = x0 + CHART.labelWidth + 8;
  const barsWidth = contentWidth(doc) - CHART.labelWidth - 8;
  const largest = Math.max(1, ...chart.bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  doc.font(REGULAR).fontSize(SIZE.small);
  const rowHeights = chart.bars.map(
    (b) => Math.max(CHART.barHeight, doc.heightOfString(b.label, { width: CHART.labelWidth })) + CHART.rowGap,
  );
  const height = rowHeights.reduce((a, b) => a + b, 0) + CHART.keyHeight * 2;
  ensureSpace(doc, height + SIZE.margin * 2);
  const top = doc.y + SIZE.margin;
  const colours = chart.keys.map((_, i) => rampColour(i, chart.keys.length));
  const draw = () => {
    let y = top;
    chart.bars.forEach((bar, row) => {
      doc.fillColor(COLOUR.text).text(bar.label, x0, y, { width: CHART.labelWidth });
      let x = barsX;
      bar.values.forEach((value, i) => {
        const width = (value / largest) * barsWidth;
        if (width <= 0) return;
        doc.rect(x, y, width, CHART.barHeight).fill(colours[i]!);
        if (width >= 14)
          doc
            .fillColor(i >= chart.keys.length / 2 ? "#ffffff" : COLOUR.text)
            .text(String(value), x, y + 3, { width, align: "center", lineBreak: false });
        x += width;
      });
      y += rowHeights[row]!;
    });
    let x = barsX;
    chart.keys.forEach((key, i) => {
      doc.rect(x, y + 2, 9, 9).fillAndStroke(colours[i]!, COLOUR.secondary);
      doc.fillColor(COLOUR.text).text(key, x + 13, y + 2, { lineBreak: false });
      x += 13 + doc.widthOfString(key) + 14;
      if (x > barsX + barsWidth - 60 && i < chart.keys.length - 1) {
        x = barsX;
        y += CHART.keyHeight;
      }
    });
  };
  tagged(doc, "Figure", draw, { alt: chart.alt, bbox: [x0, top, x0 + contentWidth(doc), top + height] });
  doc.x = x0;
  doc.y = top + height + SIZE.margin;
}

/** A box to sign by hand: who signs, then lines for name, signature and date. */
export function signatureBox(doc: Doc, title: string) {
  const height = 118;
  ensureSpace(doc, height + SIZE.margin * 2);
  const x = left(doc);
  const y = doc.y;
  const width = contentWidth(doc);
  artifact(doc, () => doc.rect(x, y, width, height).lineWidth(0.8).strokeColor(COLOUR.secondary).stroke());
  doc.font(BOLD).fontSize(SIZE.body).fillColor(COLOUR.text);
  tagged(doc, "P", () => doc.text(title, x + 10, y + 10, { width: width - 20 }));
  ["Name", "Signature", "Date"].forEach((label, i) => {
    const lineY = y + 48 + i * 26;
    doc.font(REGULAR).fontSize(SIZE.small);
    tagged(doc, "P", () => doc.text(label, x + 10, lineY - 9, { width: 70, lineBreak: false }));
    artifact(doc, () =>
      doc
        .moveTo(x + 80, lineY)
        .lineTo(x + width - 14, lineY)
        .lineWidth(0.5)
        .strokeColor(COLOUR.secondary)
        .stroke(),
    );
  });
  doc.x = x;
  doc.y = y + height + SIZE.margin * 2;
}

export interface Section {
  id: string;
  title: string;
  /** Zero-based index of the page the section starts on. */
  page: number;
}

/**
 * Starts a section on a new page, with a bookmark and a named destination the contents can link to. What is drawn
 * after it goes into the section's structure element, until the next section starts.
 */
export function startSection(doc: Doc, sections: Section[], title: string) {
  doc.addPage();
  const structure = structureOf(doc);
  structure.parent = group(doc, "Sect", structure.root);
  const id = `section-${sections.length + 1}`;
  doc.addNamedDestination(id);
  doc.outline.addItem(title);
  const { start, count } = doc.bufferedPageRange();
  sections.push({ id, title, page: start + count - 1 });
  heading(doc, title, 1);
}

/** The contents page, added empty before the sections, and its place in the reading order. */
export interface ContentsPage {
  page: number;
  element: Element;
}

export function addContentsPage(doc: Doc): ContentsPage {
  doc.addPage();
  const { start, count } = doc.bufferedPageRange();
  return { page: start + count - 1, element: group(doc, "Sect", structureOf(doc).root) };
}

/** Fills the contents page once every section's page is known, each entry a link to its section. Numbers are 1-based. */
export function writeContents(doc: Doc, contents: ContentsPage, sections: readonly Section[]) {
  doc.switchToPage(contents.page);
  doc.y = doc.page.margins.top;
  within(doc, contents.element, () => heading(doc, "Contents", 1));
  const toc = group(doc, "TOC", contents.element);
  const width = contentWidth(doc);
  for (const section of sections) {
    const item = group(doc, "TOCI", toc);
    const link = group(doc, "Link", item);
    const [x, y, pageNumber] = [left(doc), doc.y, String(section.page + 1)];
    doc
      .font(REGULAR)
      .fontSize(SIZE.body + 1)
      .fillColor(COLOUR.blue);
    const titleHeight = doc.heightOfString(section.title, { width: width - 60 });
    const titleWidth = Math.min(doc.widthOfString(section.title), width - 60);
    // The link holds its words and its annotation, so a reader meets them as one.
    const words = doc.markStructureContent("Link");
    doc.text(section.title, x, y, { width: width - 60, underline: true });
    doc.endMarkedContent();
    link.add(words);
    doc.goTo(x, y, titleWidth, titleHeight, section.id, {
      structParent: link,
      // A PDF string, not a name: pdfkit writes a plain JavaScript string as a name.
      Contents: new String(`${section.title}, page ${pageNumber}`),
    } as object);
    link.end();
    doc.fillColor(COLOUR.text);
    tagged(doc, "P", () => doc.text(pageNumber, x + width - 60, y, { width: 60, align: "right" }), { parent: item });
    item.end();
    doc.moveDown(0.5);
  }
  toc.end();
}

/**
 * Writes the running header and the "Page X of Y" footer on every page, as pagination artifacts. The footer sits
 * inside the bottom margin, so the margin is lifted while it is drawn; otherwise pdfkit would start a new page for it.
 */
export function stampPages(doc: Doc, header: string, footer: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0;
    const width = contentWidth(doc);
    const x = left(doc);
    doc.font(REGULAR).fontSize(SIZE.small).fillColor(COLOUR.secondary);
    artifact(
      doc,
      () => {
        doc.text(header, x, 30, { width, height: SIZE.small * 1.4, ellipsis: true, lineBreak: false });
        doc
          .moveTo(x, 44)
          .lineTo(x + width, 44)
          .lineWidth(0.5)
          .strokeColor(COLOUR.border)
          .stroke();
      },
      { type: "Pagination", attached: ["Top"] },
    );
    const footerY = page.height - 42;
    artifact(
      doc,
      () => {
        doc
          .moveTo(x, footerY - 6)
          .lineTo(x + width, footerY - 6)
          .lineWidth(0.5)
          .strokeColor(COLOUR.border)
          .stroke();
        doc.text(footer, x, footerY, { width: width - 90, lineBreak: false });
        doc.text(`Page ${i - start + 1} of ${count}`, x + width - 90, footerY, {
          width: 90,
          align: "right",
          lineBreak: false,
        });
      },
      { type: "Pagination", attached: ["Bottom"] },
    );
    page.margins.bottom = bottomMargin;
  }
}

/** A calendar date for a PDF cell: "1 April 2026", or an em dash when there is none. */
export const longDate = (iso: string | null): string => formatDate(iso) || "—";
export { formatDateTime as dateTime, formatInstantDate as instantDate };
