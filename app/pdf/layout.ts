/**
 * Drawing primitives the PDF documents share: fonts, headings, wrapped text, tables, images, signature boxes and the
 * header and footer stamped on every page. Everything here lays out; nothing here reads the database.
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

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;

function fonts() {
  fontBytes ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, "DejaVuSans.ttf")),
    bold: fs.readFileSync(path.join(FONT_DIR, "DejaVuSans-Bold.ttf")),
  };
  return fontBytes;
}

/**
 * An A4 document with embedded fonts, its pages held back so every footer can say "Page X of Y". `createdAt` (the
 * moment the data was gathered) also seeds pdfkit's document ID, so the same data always gives the same bytes,
 * whichever thread lays it out.
 */
export function createDocument(info: { title: string; subject: string; createdAt?: Date }): Doc {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Creator: "Care Portfolio",
      CreationDate: info.createdAt ?? new Date(),
    },
  });
  doc.registerFont(REGULAR, fonts().regular);
  doc.registerFont(BOLD, fonts().bold);
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
  doc.pipe(out);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const left = (doc: Doc) => doc.page.margins.left;

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
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.y += 4;
}

/** Wrapped text that flows onto as many pages as it needs. */
export function paragraph(doc: Doc, text: string, options: { secondary?: boolean; size?: number } = {}) {
  doc
    .font(REGULAR)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.secondary ? COLOUR.secondary : COLOUR.text);
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc), paragraphGap: 4 });
}

/** "Label: value" lines, the label in bold. */
export function fields(doc: Doc, pairs: readonly (readonly [string, string])[]) {
  doc.fontSize(SIZE.body).fillColor(COLOUR.text);
  for (const [label, value] of pairs) {
    ensureSpace(doc, SIZE.body * 2);
    doc.font(BOLD).text(`${label}: `, left(doc), doc.y, { width: contentWidth(doc), continued: true });
    doc.font(REGULAR).text(value, { paragraphGap: 2 });
  }
}

/** A bold label on a line of its own, kept with the start of what follows it. */
export function label(doc: Doc, text: string) {
  ensureSpace(doc, SIZE.body * 4);
  doc.y += 3;
  doc
    .font(BOLD)
    .fontSize(SIZE.body)
    .fillColor(COLOUR.text)
    .text(text, left(doc), doc.y, { width: contentWidth(doc) });
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
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor(COLOUR.border)
    .stroke();
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
 * A table whose rows never split: a row that does not fit starts a new page, which repeats the header row. A cell
 * taller than a whole page (which the forms' length limits should prevent) is cut with an ellipsis rather than
 * drawn over the footer.
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

  const drawRow = (cells: readonly string[], font: string, shaded: boolean, height: number) => {
    const y = doc.y;
    if (shaded)
      doc
        .rect(
          x0,
          y,
          widths.reduce((a, b) => a + b, 0),
          height,
        )
        .fill(COLOUR.shade);
    let x = x0;
    doc.font(font).fontSize(SIZE.small).fillColor(COLOUR.text);
    cells.forEach((cell, i) => {
      const width = widths[i]! - 2 * CELL_PAD;
      doc.text(cell, x + CELL_PAD, y + CELL_PAD, {
        width,
        height: height - 2 * CELL_PAD,
        ellipsis: true,
        align: columns[i]!.align ?? "left",
      });
      x += widths[i]!;
    });
    const bottom = y + height;
    doc.moveTo(x0, bottom).lineTo(x, bottom).lineWidth(0.5).strokeColor(COLOUR.border).stroke();
    doc.x = x0;
    doc.y = bottom;
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, BOLD);
  const heights = rows.map((row) => rowHeight(row, REGULAR));
  const drawHeader = () => drawRow(headers, BOLD, true, headerHeight);
  ensureSpace(doc, headerHeight + (heights[0] ?? 0));
  drawHeader();
  rows.forEach((row, i) => {
    if (doc.y + heights[i]! > bottomLimit(doc)) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, REGULAR, false, heights[i]!);
  });
  doc.y += SIZE.margin;
}

interface OpenedImage {
  width: number;
  height: number;
  orientation?: number;
}

/**
 * A PNG or JPEG from disk, scaled to fit the content width and at most `maxHeight` points tall. Returns false when
 * the file is missing or is not an image pdfkit can read, so one bad upload does not stop the whole document.
 */
export function image(doc: Doc, file: string, maxHeight = 260): boolean {
  let opened: OpenedImage;
  try {
    opened = (doc as unknown as { openImage(src: string): OpenedImage }).openImage(file);
  } catch {
    return false;
  }
  const [w, h] = (opened.orientation ?? 1) > 4 ? [opened.height, opened.width] : [opened.width, opened.height];
  const scale = Math.min(1, contentWidth(doc) / w, maxHeight / h);
  ensureSpace(doc, h * scale + SIZE.margin);
  doc.image(file, left(doc), doc.y, { width: w * scale, height: h * scale });
  doc.y += h * scale + SIZE.margin;
  doc.x = left(doc);
  return true;
}

/** A box to sign by hand: who signs, then lines for name, signature and date. */
export function signatureBox(doc: Doc, title: string) {
  const height = 118;
  ensureSpace(doc, height + SIZE.margin * 2);
  const x = left(doc);
  const y = doc.y;
  const width = contentWidth(doc);
  doc.rect(x, y, width, height).lineWidth(0.8).strokeColor(COLOUR.secondary).stroke();
  doc
    .font(BOLD)
    .fontSize(SIZE.body)
    .fillColor(COLOUR.text)
    .text(title, x + 10, y + 10, { width: width - 20 });
  ["Name", "Signature", "Date"].forEach((label, i) => {
    const lineY = y + 48 + i * 26;
    doc
      .font(REGULAR)
      .fontSize(SIZE.small)
      .text(label, x + 10, lineY - 9, { width: 70, lineBreak: false });
    doc
      .moveTo(x + 80, lineY)
      .lineTo(x + width - 14, lineY)
      .lineWidth(0.5)
      .strokeColor(COLOUR.secondary)
      .stroke();
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

/** Starts a section on a new page, with a bookmark and a named destination the contents can link to. */
export function startSection(doc: Doc, sections: Section[], title: string) {
  doc.addPage();
  const id = `section-${sections.length + 1}`;
  doc.addNamedDestination(id);
  doc.outline.addItem(title);
  const { start, count } = doc.bufferedPageRange();
  sections.push({ id, title, page: start + count - 1 });
  heading(doc, title, 1);
}

/** Fills the contents page (already added, empty) once every section's page is known. Numbers are 1-based. */
export function writeContents(doc: Doc, contentsPage: number, sections: readonly Section[]) {
  doc.switchToPage(contentsPage);
  doc.y = doc.page.margins.top;
  heading(doc, "Contents", 1);
  const width = contentWidth(doc);
  for (const section of sections) {
    const y = doc.y;
    doc
      .font(REGULAR)
      .fontSize(SIZE.body + 1)
      .fillColor(COLOUR.blue);
    doc.text(section.title, left(doc), y, { width: width - 60, goTo: section.id, underline: true });
    doc.fillColor(COLOUR.text).text(String(section.page + 1), left(doc) + width - 60, y, { width: 60, align: "right" });
    doc.moveDown(0.5);
  }
}

/**
 * Writes the running header and the "Page X of Y" footer on every page. The footer sits inside the bottom margin,
 * so the margin is lifted while it is drawn; otherwise pdfkit would start a new page for it.
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
    doc.text(header, x, 30, { width, height: SIZE.small * 1.4, ellipsis: true, lineBreak: false });
    doc
      .moveTo(x, 44)
      .lineTo(x + width, 44)
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .stroke();
    const footerY = page.height - 42;
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
    page.margins.bottom = bottomMargin;
  }
}

/** A calendar date for a PDF cell: "1 April 2026", or an em dash when there is none. */
export const longDate = (iso: string | null): string => formatDate(iso) || "—";
export { formatDateTime as dateTime, formatInstantDate as instantDate };
