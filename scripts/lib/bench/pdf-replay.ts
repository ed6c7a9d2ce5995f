/**
 * pdfkit's own time for the same text, the baseline issue 12 holds the PDF layout to (within 1.5×). One build of our
 * document is recorded at pdfkit's API: every text call with its font, size, place and options, every page started
 * or returned to, and every structure element and marked content. The record is then replayed straight into a fresh
 * pdfkit document, so the replay draws the same strings with the same fonts, sizes and wrapping onto the same pages
 * and costs pdfkit's own work alone: none of our measuring, tables, rules, shading, colours or page planning.
 *
 * Two replays: `plain` is the text alone in an untagged document (what pdfkit costs anyone drawing this text);
 * `tagged` also writes the same PDF/UA structure (ADR 0022) directly: each element, each piece of marked content
 * around text, and the artifacts that hold text (running header and footer, repeated table headers).
 *
 * Recording patches pdfkit's prototypes for one build and puts them back; it is for this benchmark only.
 */
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";

type Doc = PDFKit.PDFDocument;
type Handle = { handle: number };

/** One call our layout made on the document (`on: "doc"`) or on a structure element (`on` its handle). */
interface Call {
  on: "doc" | number;
  method: string;
  args: unknown[];
  /** The handle given to what the call returned: a structure element or a piece of marked content. */
  result?: number;
}

/** What is replayed in both baselines: the text, its fonts and sizes, and the pages it goes on. */
const TEXT_CALLS = ["registerFont", "font", "fontSize", "text", "addPage", "switchToPage"] as const;
/** What the tagged baseline replays as well. */
const STRUCTURE_CALLS = [
  "struct",
  "addStructure",
  "markStructureContent",
  "markContent",
  "endMarkedContent",
  // The contents page's links: each annotation is part of its Link element.
  "goTo",
] as const;
const ELEMENT_CALLS = ["add", "end"] as const;

export interface Recording {
  options: PDFKit.PDFDocumentOptions;
  calls: Call[];
}

/** Runs `build` once with pdfkit's calls recorded: only the calls our code makes, not those pdfkit makes to itself. */
export async function record(build: (out: Writable) => Promise<void>, out: Writable): Promise<Recording> {
  const docProto = PDFDocument.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const probe = new PDFDocument({ tagged: true });
  const elementProto = Object.getPrototypeOf(probe.struct("P")) as Record<string, (...args: unknown[]) => unknown>;
  const handles = new Map<object, number>();
  const calls: Call[] = [];
  let options: PDFKit.PDFDocumentOptions | undefined;
  let depth = 0;

  const asArg = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(asArg);
    const handle = value && typeof value === "object" ? handles.get(value) : undefined;
    if (handle !== undefined) return { handle } satisfies Handle;
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asArg(v)]));
    return value;
  };
  const patch = (
    proto: Record<string, (...args: unknown[]) => unknown>,
    method: string,
    on: (self: object) => Call["on"],
  ) => {
    const original = proto[method]!;
    proto[method] = function (this: Doc, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args);
      options ??= (this as unknown as { options: PDFKit.PDFDocumentOptions }).options;
      const call: Call = { on: on(this), method, args: method === "text" ? textArgs(this, args) : args.map(asArg) };
      depth++;
      try {
        const result = original.apply(this, args);
        if (result && typeof result === "object" && result !== this) {
          handles.set(result, handles.size);
          call.result = handles.get(result);
        }
        calls.push(call);
        return result;
      } finally {
        depth--;
      }
    };
    return () => (proto[method] = original);
  };
  const restore = [
    ...[...TEXT_CALLS, ...STRUCTURE_CALLS].map((m) => patch(docProto, m, () => "doc")),
    ...ELEMENT_CALLS.map((m) => patch(elementProto, m, (self) => handles.get(self)!)),
  ];
  try {
    await build(out);
  } finally {
    restore.forEach((undo) => undo());
  }
  return { options: options!, calls };
}

/** Options objects, whose values may be elements; not a font's bytes or a PDF string (`new String`). */
const isPlainObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * A text call as it was made, with the place it started from (our layout sometimes moves `doc.y` itself and then
 * writes on from there) and the page's bottom margin (lifted while the footer is written).
 */
function textArgs(doc: Doc, args: unknown[]): unknown[] {
  const [text, x, y, options] = typeof args[1] === "object" ? [args[0], null, null, args[1]] : args;
  return [
    text,
    x ?? doc.x,
    y ?? doc.y,
    { ...(options as object | undefined) },
    (doc as unknown as { page: { margins: { bottom: number } } }).page.margins.bottom,
  ];
}

/** The calls a baseline replays: the text alone, or the text with its structure (artifacts only where they hold text). */
function replayed(calls: readonly Call[], tagged: boolean): Call[] {
  const kept = new Set<string>(TEXT_CALLS);
  if (!tagged) return calls.filter((c) => c.on === "doc" && kept.has(c.method));
  // An artifact wraps page furniture (rules, shading) unless text is drawn inside it.
  const keep = new Array<boolean>(calls.length).fill(true);
  const open: { at: number; artifact: boolean; hasText: boolean }[] = [];
  calls.forEach((call, i) => {
    if (call.on !== "doc") return;
    if (call.method === "markContent" || call.method === "markStructureContent")
      open.push({ at: i, artifact: call.method === "markContent", hasText: false });
    else if (call.method === "text") open.forEach((o) => (o.hasText = true));
    else if (call.method === "endMarkedContent") {
      const opened = open.pop();
      if (opened?.artifact && !opened.hasText) keep[opened.at] = keep[i] = false;
    }
  });
  return calls.filter((_, i) => keep[i]);
}

/** The same document settings without PDF/UA: no structure tree, no PDF/UA identification. */
function untagged(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocumentOptions {
  const plain: Record<string, unknown> = { ...options };
  delete plain.tagged;
  delete plain.subset;
  return plain;
}

/** Replays a recording into a fresh pdfkit document written to `out`. */
export function replay(recording: Recording, tagged: boolean, out: Writable): Promise<void> {
  // The recording starts with the calls pdfkit's constructor made, its first page among them.
  const options = { ...(tagged ? recording.options : untagged(recording.options)), autoFirstPage: false };
  const doc = new PDFDocument(options);
  const made: unknown[] = [];
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object" && "handle" in value) return made[(value as Handle).handle];
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, resolve(v)]));
    return value;
  };
  for (const call of replayed(recording.calls, tagged)) {
    const target = (call.on === "doc" ? doc : made[call.on]) as Record<string, (...args: unknown[]) => unknown>;
    if (call.method === "text") {
      const [text, x, y, options, bottomMargin] = call.args as [string, number, number, object, number];
      doc.page.margins.bottom = bottomMargin;
      doc.text(text, x, y, { ...options });
      continue;
    }
    const result = target[call.method]!.apply(target, call.args.map(resolve));
    if (call.result !== undefined) made[call.result] = result;
  }
  const done = new Promise<void>((ok, fail) => {
    out.once("finish", ok);
    out.once("error", fail);
  });
  doc.pipe(out);
  doc.end();
  return done;
}
