/**
 * What importing a training file would do, row by row (ADR 0016): each row is new, updates a record, changes
 * nothing, or is rejected with the reason. Pure: the caller looks up the people, the training and the records.
 */
import { formatDate } from "./format";
import type { ImportRow, TrainingImportLayout } from "./training-import-file";
import { isCalendarDate } from "./training-status";

export type ImportOutcome = "new" | "updated" | "unchanged" | "rejected";

export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = {
  new: "New",
  updated: "Updated",
  unchanged: "Unchanged",
  rejected: "Rejected",
};

/** Someone the importer may import training for. */
export interface ImportPerson {
  id: number;
  pcnId: number | null;
  name: string;
  email: string;
  staffNumber: string | null;
}

/** The training a row names, as the content maps it. */
export interface ImportTraining {
  requirementId: string;
  title: string;
  /** The source is proof enough (ESR, where the mapping says so): the record is marked verified. */
  countsAsVerified: boolean;
}

export interface ExistingRecord {
  id: number;
  requirementId: string;
  status: string;
  completedOn: string | null;
  verified: boolean;
  importedFrom: string | null;
}

interface Target {
  personId: number;
  pcnId: number | null;
  requirementId: string;
  completedOn: string;
  verify: boolean;
}

/** A change the import makes to one person's training. */
export type ImportChange =
  | ({ kind: "create" } & Target)
  | ({ kind: "revise"; recordId: number } & Target)
  | ({ kind: "verify"; recordId: number } & Target);

export interface PlannedRow {
  line: number;
  /** The person's name when found, else what the row said. */
  who: string;
  training: string;
  completedOn: string | null;
  outcome: ImportOutcome;
  reason: string;
  change?: ImportChange;
}

export interface PlanLookups {
  layout: TrainingImportLayout;
  importerId: number;
  people: readonly ImportPerson[];
  findTraining: (name: string) => ImportTraining | undefined;
  recordsOf: (personId: number) => readonly ExistingRecord[];
  today: string;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A date as ESR writes it (30-Nov-2028), as a spreadsheet in England does (30/11/2028) or ISO (2028-11-30), as
 * "YYYY-MM-DD"; null when it is none of these or no such day exists.
 */
export function parseImportDate(text: string): string | null {
  const pad = (n: string) => n.padStart(2, "0");
  let iso: string | null = null;
  const esr = /^(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{4})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (esr) {
    const month = MONTHS.indexOf(esr[2]!.toLowerCase());
    if (month >= 0) iso = `${esr[3]}-${pad(String(month + 1))}-${pad(esr[1]!)}`;
  } else if (uk) iso = `${uk[3]}-${pad(uk[2]!)}-${pad(uk[1]!)}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  return iso && isCalendarDate(iso) ? iso : null;
}

const DATE_EXAMPLE = "use a date like 30-Nov-2028";

type Checked =
  | { ok: true; person: ImportPerson; training: ImportTraining; completedOn: string }
  | { ok: false; reason: string; who?: string; training?: string };

function findPerson(row: ImportRow, people: readonly ImportPerson[]): ImportPerson | string {
  const byEmail = row.email ? people.find((p) => p.email.toLowerCase() === row.email.toLowerCase()) : undefined;
  const byNumber = row.staffNumber ? people.find((p) => p.staffNumber === row.staffNumber) : undefined;
  if (!row.email && !row.staffNumber) return "No email address or staff number";
  if (byEmail && byNumber && byEmail.id !== byNumber.id)
    return "The email address and the staff number belong to different people";
  return byEmail ?? byNumber ?? "Nobody you can import training for has this email address or staff number";
}

function checkRow(row: ImportRow, lookups: PlanLookups): Checked {
  const training = row.training ? lookups.findTraining(row.training) : undefined;
  const person = findPerson(row, lookups.people);
  const found = { who: typeof person === "string" ? undefined : person.name, training: training?.title };
  const reject = (reason: string): Checked => ({ ok: false, reason, ...found });
  if (!row.training) return reject("No training named");
  if (!training)
    return reject(
      lookups.layout === "esr"
        ? "This ESR competency is not mapped to any of the app's training (content/esr-competencies.json)"
        : "This is not the name of any training in the app",
    );
  if (typeof person === "string") return reject(person);
  if (person.id === lookups.importerId)
    return reject("This is your own training: ask another PCN lead or an administrator to import it");
  if (!row.completedOn) return reject("No completion date");
  const completedOn = parseImportDate(row.completedOn);
  if (!completedOn) return reject(`The completion date "${row.completedOn}" is not a real date: ${DATE_EXAMPLE}`);
  if (completedOn > lookups.today) return reject("The completion date is in the future");
  if (row.expiresOn) {
    const expiresOn = parseImportDate(row.expiresOn);
    if (!expiresOn) return reject(`The expiry date "${row.expiresOn}" is not a real date: ${DATE_EXAMPLE}`);
    if (expiresOn < completedOn) return reject("The expiry date is before the start date");
  }
  return { ok: true, person, training, completedOn };
}

/** What a row does to the person's records: kept as they are, a new record, or a record brought up to date. */
function decide(
  checked: Checked & { ok: true },
  records: readonly ExistingRecord[],
): Omit<PlannedRow, "line" | "who" | "training" | "completedOn"> {
  const { person, training, completedOn } = checked;
  const target: Target = {
    personId: person.id,
    pcnId: person.pcnId,
    requirementId: training.requirementId,
    completedOn,
    verify: training.countsAsVerified,
  };
  const mine = records.filter((r) => r.requirementId === training.requirementId);
  const completed = mine.filter((r) => r.status === "completed" && r.completedOn !== null);
  const same = completed.find((r) => r.completedOn === completedOn);
  if (same && target.verify && !same.verified)
    return {
      outcome: "updated",
      reason: "Marked as verified from ESR",
      change: { kind: "verify", recordId: same.id, ...target },
    };
  if (same) return { outcome: "unchanged", reason: "Already recorded" };
  if (completed.some((r) => r.completedOn! > completedOn))
    return { outcome: "unchanged", reason: "A later completion is already recorded" };
  const imported = mine.find((r) => r.importedFrom !== null);
  if (imported)
    return {
      outcome: "updated",
      reason: `Completed again: replaces the imported completion of ${formatDate(imported.completedOn)}`,
      change: { kind: "revise", recordId: imported.id, ...target },
    };
  return {
    outcome: "new",
    reason: target.verify ? "New record, verified from ESR" : "New record",
    change: { kind: "create", ...target },
  };
}

/**
 * The plan for a whole file. A person's training named in several rows is imported once, from the row with the
 * latest completion (the first of equals); the others are rejected as repeats, naming that row.
 */
export function planImport(rows: readonly ImportRow[], lookups: PlanLookups): PlannedRow[] {
  const checked = rows.map((row) => ({ row, checked: checkRow(row, lookups) }));
  const chosen = new Map<string, { line: number; completedOn: string }>();
  for (const { row, checked: c } of checked) {
    if (!c.ok) continue;
    const key = `${c.person.id}:${c.training.requirementId}`;
    const best = chosen.get(key);
    if (!best || c.completedOn > best.completedOn) chosen.set(key, { line: row.line, completedOn: c.completedOn });
  }
  return checked.map(({ row, checked: c }) => {
    const shown = {
      line: row.line,
      who: (c.ok ? c.person.name : c.who) ?? (row.email || row.staffNumber || "(nobody named)"),
      training: (c.ok ? c.training.title : c.training) ?? (row.training || "(no training named)"),
      completedOn: c.ok ? c.completedOn : null,
    };
    if (!c.ok) return { ...shown, outcome: "rejected", reason: c.reason };
    const best = chosen.get(`${c.person.id}:${c.training.requirementId}`)!;
    if (best.line !== row.line)
      return {
        ...shown,
        outcome: "rejected",
        reason: `Repeats line ${best.line} for the same person and training, which is used instead`,
      };
    return { ...shown, ...decide(c, lookups.recordsOf(c.person.id)) };
  });
}

export type ImportCounts = Record<ImportOutcome, number>;

export function countOutcomes(plan: readonly PlannedRow[]): ImportCounts {
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const row of plan) counts[row.outcome]++;
  return counts;
}
