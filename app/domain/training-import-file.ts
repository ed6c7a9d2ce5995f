/**
 * Reading an uploaded training file (ADR 0016): the ESR compliance export or the app's own template, as CSV in
 * UTF-8. A file that cannot be read as one of the two is refused whole, with one sentence saying what to fix; a
 * readable file gives its rows as written, for the import plan to judge one by one.
 */
import { CsvError, parse } from "csv-parse/sync";
import { toCsv } from "./csv";

export type TrainingImportLayout = "esr" | "template";

/** A PCN's ESR export (a few hundred staff, 30 competencies each) is well under both. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/** One row of the file, as written, with the line it ends on. */
export interface ImportRow {
  line: number;
  email: string;
  staffNumber: string;
  training: string;
  completedOn: string;
  /** ESR's own expiry date (the template has none); checked, not stored: the app works expiry out itself. */
  expiresOn: string;
}

export type ReadImport = { ok: true; layout: TrainingImportLayout; rows: ImportRow[] } | { ok: false; problem: string };

/** The template the app offers for download: these columns, in this order. */
export const TEMPLATE_COLUMNS = ["Email address", "Staff number", "Training", "Completed on"] as const;

export function templateCsv(): string {
  return toCsv([[...TEMPLATE_COLUMNS]], { byteOrderMark: true });
}

type Field = Exclude<keyof ImportRow, "line">;

interface Layout {
  id: TrainingImportLayout;
  /** The header that tells this layout apart. */
  marker: string;
  /** Accepted headers for each field, lower case; a field with no header found is blank in every row. */
  headers: Record<Field, readonly string[]>;
  required: readonly string[];
}

const LAYOUTS: readonly Layout[] = [
  {
    id: "esr",
    marker: "competency name",
    headers: {
      email: ["email address", "email", "work email address"],
      staffNumber: ["employee number", "staff number"],
      training: ["competency name"],
      completedOn: ["date start"],
      expiresOn: ["expiry date"],
    },
    required: ["Competency Name", "Date Start", "Expiry Date"],
  },
  {
    id: "template",
    marker: "training",
    headers: {
      email: ["email address"],
      staffNumber: ["staff number"],
      training: ["training"],
      completedOn: ["completed on"],
      expiresOn: [],
    },
    required: [...TEMPLATE_COLUMNS],
  },
];

const normal = (header: string) => header.trim().replace(/\s+/g, " ").toLowerCase();

const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/** The file's text, or why it is not UTF-8 text. A UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped. */
function decode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: string } {
  const resave = 'Save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and upload it again.';
  if (UTF16_BOMS.some(([a, b]) => bytes[0] === a && bytes[1] === b))
    return { ok: false, problem: `The file is saved as Unicode text (UTF-16), not CSV. ${resave}` };
  if (bytes.includes(0)) return { ok: false, problem: `The file is not a CSV file. ${resave}` };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return {
      ok: false,
      problem: `The file has characters that are not in UTF-8 (perhaps an accented name). ${resave}`,
    };
  }
}

function csvProblem(error: unknown): string {
  if (!(error instanceof CsvError)) throw error;
  const line = (error as CsvError & { lines?: number }).lines;
  const where = line ? ` on line ${line}` : "";
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH")
    return `Line ${line} has a different number of values from the column headings. Check for a missing or extra comma.`;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return `A quotation mark is not closed${where}.`;
  return `The file cannot be read as CSV${where}. Check it opens in a spreadsheet, then save it as CSV again.`;
}

function layoutOf(header: readonly string[]): ReadImport | Layout {
  const names = header.map(normal);
  const layout = LAYOUTS.find((l) => names.includes(l.marker));
  const expected = LAYOUTS.map((l) => l.required.join(", ")).join(" or ");
  if (!layout) return { ok: false, problem: `The column headings are not ones this page reads. It needs ${expected}.` };
  const missing = layout.required.filter((column) => !names.includes(normal(column)));
  if (missing.length) return { ok: false, problem: `The file has no ${missing.join(", ")} column.` };
  const people = [...layout.headers.email, ...layout.headers.staffNumber];
  if (!names.some((name) => people.includes(name)))
    return {
      ok: false,
      problem: "The file needs an Email address or Employee Number column to know whose training it is.",
    };
  return layout;
}

/** Reads the file into rows, or says why it cannot. Nothing is judged here beyond the file's shape. */
export function readImportFile(bytes: Uint8Array): ReadImport {
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      problem: `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB. The largest file this page takes is ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files.`,
    };
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // The header and one row more than allowed: enough to know the file is too long without reading it all.
      to: MAX_IMPORT_ROWS + 2,
      // csv-parse types its result as plain records whatever `info` says.
    }) as unknown as typeof records;
  } catch (error) {
    return { ok: false, problem: csvProblem(error) };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: "The file is empty." };
  if (body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      problem: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows. Split it into smaller files.`,
    };
  const layout = layoutOf(header.record);
  if ("ok" in layout) return layout;
  const names = header.record.map(normal);
  const columnOf = (field: Field) => names.findIndex((name) => layout.headers[field].includes(name));
  const columns = Object.fromEntries(
    (Object.keys(layout.headers) as Field[]).map((field) => [field, columnOf(field)]),
  ) as Record<Field, number>;
  const cell = (record: string[], field: Field) => (columns[field] < 0 ? "" : (record[columns[field]] ?? "").trim());
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    email: cell(record, "email"),
    staffNumber: cell(record, "staffNumber"),
    training: cell(record, "training"),
    completedOn: cell(record, "completedOn"),
    expiresOn: cell(record, "expiresOn"),
  }));
  if (rows.length === 0) return { ok: false, problem: "The file has column headings but no rows." };
  return { ok: true, layout: layout.id, rows };
}
