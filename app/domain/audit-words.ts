/**
 * The audit trail in words: "Priya Shah verified Jack Thompson’s PCI course record", and each change as
 * "Status: Enrolled → Completed". Records by their names, people by theirs; never ids or codes.
 */
import { formatDate, formatDateTime } from "~/domain/format";
import {
  CPD_TYPES,
  EVIDENCE_STATUS_LABELS,
  EVIDENCE_TYPES,
  TRAINING_STATUS_LABELS,
  VERIFICATION_METHOD_RECORDS,
} from "./vocabulary";

export interface AuditRow {
  actorId: number | null;
  actorName: string | null;
  entity: string;
  action: string;
  subjectId: number | null;
  subjectName: string | null;
  /** What the record is called (see recordKey in audit.server.ts). */
  recordKey: string | null;
  before: unknown;
  after: unknown;
}

/** Names for the ids and codes entries hold; each answers undefined when it does not know the id. */
export interface AuditLookup {
  person(id: number): string | undefined;
  pcn(id: number): string | undefined;
  file(id: number): string | undefined;
  requirement(id: string): string | undefined;
  competency(id: string): string | undefined;
  jobRole(id: string): string | undefined;
  appRole(id: string): string | undefined;
}

export interface AuditChange {
  label: string;
  before: string | null;
  after: string | null;
}

const ARRANGEMENT_KINDS: Record<string, string> = {
  supervisor: "supervisor",
  "first-contact": "first contact",
  "line-manager": "line manager",
};

const VERBS: Record<string, string> = {
  create: "added",
  update: "changed",
  edit: "changed",
  amend: "amended",
  delete: "deleted",
  verify: "verified",
  upload: "uploaded",
  submit: "submitted",
  withdraw: "withdrew",
  return: "returned",
  accept: "accepted",
  confirm: "confirmed",
  dispute: "disputed",
  "sign-off": "signed off",
  end: "ended",
};

/** "reset-two-factor" → "reset two factor": an action this module has no words for yet still reads. */
const humanise = (code: string) =>
  code.replace(/[-_]/g, " ").replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
const verbOf = (action: string) => VERBS[action] ?? humanise(action);
const possessive = (name: string) => `${name}’s`;

function userSentence(row: AuditRow, actor: string, own: boolean): string {
  const subject = row.subjectName ?? "a person";
  const sentences: Record<string, string> = {
    create: `${actor} added ${subject}`,
    update: `${actor} changed ${own ? "their own" : possessive(subject)} details`,
    deactivate: `${actor} deactivated ${possessive(subject)} account`,
    reactivate: `${actor} reactivated ${possessive(subject)} account`,
    "move-out": `${actor} moved ${subject} out of their PCN`,
    "issue-password-link": `${actor} created a set-password link for ${subject}`,
    "set-password": `${subject} set their password with a set-password link`,
    "change-password": own ? `${actor} changed their password` : `${actor} changed ${possessive(subject)} password`,
    "enable-two-factor": own
      ? `${actor} turned on two-step sign-in`
      : `${actor} turned on two-step sign-in for ${subject}`,
    "disable-two-factor": own
      ? `${actor} turned off two-step sign-in`
      : `${actor} turned off two-step sign-in for ${subject}`,
    "reset-two-factor": `${actor} reset two-step sign-in for ${subject}`,
  };
  return sentences[row.action] ?? `${actor} ${humanise(row.action)}: ${subject}`;
}

function recordName(row: AuditRow, lookup: AuditLookup): string {
  const key = row.recordKey;
  switch (row.entity) {
    case "training":
      return `${(key && lookup.requirement(key)) ?? "training"} record`;
    case "cpd":
      return key ? `CPD entry “${key}”` : "CPD entry";
    case "evidence":
      return key ? `evidence “${key}”` : "evidence";
    case "attachment":
      return key ? `file “${key}”` : "file";
    case "supervision_meeting":
      return key ? `supervision meeting on ${formatDate(key)}` : "supervision meeting";
    case "competency":
      return `competency “${(key && lookup.competency(key)) ?? "no longer in the framework"}”`;
    default:
      return humanise(row.entity);
  }
}

/** One entry as a sentence, starting with who did it. */
export function auditSentence(row: AuditRow, lookup: AuditLookup): string {
  const actor = row.actorName ?? "The system";
  const own = row.actorId !== null && row.actorId === row.subjectId;
  if (row.entity === "user") return userSentence(row, actor, own);
  if (row.entity === "pcn") return `${actor} ${verbOf(row.action)} the PCN ${row.recordKey ?? ""}`.trimEnd();
  const whose = own ? "their" : row.subjectName ? possessive(row.subjectName) : "a";
  if (row.entity === "supervision_arrangement") {
    const [kind = "", person = "someone"] = (row.recordKey ?? "").split(/:(.*)/s);
    const role = `${whose} ${ARRANGEMENT_KINDS[kind] ?? "supervision arrangement"}`;
    return row.action === "create"
      ? `${actor} recorded ${person} as ${role}`
      : `${actor} ${verbOf(row.action)} ${possessive(person)} arrangement as ${role}`;
  }
  if (row.entity === "competency" && row.action === "withdraw")
    return `${actor} withdrew the sign-off of ${whose} ${recordName(row, lookup)}`;
  return `${actor} ${verbOf(row.action)} ${whose} ${recordName(row, lookup)}`;
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  email: "Email address",
  pcnId: "PCN",
  jobRole: "Job role",
  fte: "Full-time equivalent",
  startDate: "Start date",
  roles: "Roles in Care Portfolio",
  active: "Account active",
  requirementId: "Training",
  status: "Status",
  completedOn: "Date completed",
  provider: "Provider",
  attachmentId: "Certificate",
  attachmentIds: "Files",
  verifiedBy: "Verified by",
  verifiedAt: "Verified on",
  verificationMethod: "What was checked",
  verificationNote: "Note on the check",
  activity: "Activity",
  activityDate: "Date of the activity",
  hours: "Hours",
  type: "Type",
  reflection: "Reflection",
  competencyIds: "Competencies",
  title: "Title",
  whatHappened: "What happened",
  whatLearned: "What they learned",
  whatNext: "What they will do differently",
  confirmNotPatientData: "Confirmed there is no patient data",
  version: "Version",
  comment: "Comment",
  supervisorId: "Supervisor",
  personId: "Person",
  metOn: "Date of the meeting",
  minutes: "Length in minutes",
  mode: "How they met",
  topics: "Topics discussed",
  patientConcerns: "Patient-related concerns discussed",
  safeguardingConcerns: "Safeguarding concerns discussed",
  actions: "Actions agreed",
  kind: "Arrangement",
  startedOn: "From",
  endedOn: "Until",
  fileName: "File name",
  mime: "File type",
  size: "Size in bytes",
  odsCode: "ODS code",
  icsName: "ICS",
};

/** Bookkeeping that says nothing to a reader: the owner is in the sentence, versions of content are internal. */
const HIDDEN_FIELDS = new Set([
  "id",
  "userId",
  "staffId",
  "contentVersion",
  "frameworkVersion",
  "sha256",
  "patientDataFindings",
]);
const PERSON_FIELDS = new Set(["verifiedBy", "supervisorId", "personId", "actorId", "createdBy"]);
const FILE_FIELDS = new Set(["attachmentId", "attachmentIds"]);
const DATE_FIELDS = new Set(["completedOn", "activityDate", "metOn", "startDate", "startedOn", "endedOn"]);
const STATUS_WORDS: Record<string, Record<string, string>> = {
  training: TRAINING_STATUS_LABELS,
  evidence: EVIDENCE_STATUS_LABELS,
};
const TYPE_WORDS: Record<string, Record<string, string>> = { cpd: CPD_TYPES, evidence: EVIDENCE_TYPES };
const MODE_WORDS: Record<string, string> = { "face-to-face": "Face to face", virtual: "Virtually" };

function words(entity: string, field: string, value: unknown, lookup: AuditLookup): string {
  if (value === null || value === undefined || value === "") return "None";
  if (Array.isArray(value)) return value.length ? value.map((v) => words(entity, field, v, lookup)).join("; ") : "None";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const text = String(value);
  const id = Number(value);
  if (PERSON_FIELDS.has(field)) return lookup.person(id) ?? "A person no longer in Care Portfolio";
  if (FILE_FIELDS.has(field)) return lookup.file(id) ?? "A file";
  if (DATE_FIELDS.has(field)) return formatDate(text);
  const named: Record<string, () => string | undefined> = {
    pcnId: () => lookup.pcn(id),
    requirementId: () => lookup.requirement(text),
    competencyIds: () => lookup.competency(text),
    jobRole: () => lookup.jobRole(text),
    roles: () => lookup.appRole(text),
    status: () => STATUS_WORDS[entity]?.[text],
    type: () => TYPE_WORDS[entity]?.[text],
    mode: () => MODE_WORDS[text],
    kind: () => ARRANGEMENT_KINDS[text],
    verifiedAt: () => formatDateTime(text),
    verificationMethod: () => VERIFICATION_METHOD_RECORDS[text as keyof typeof VERIFICATION_METHOD_RECORDS],
  };
  if (field in named) return named[field]!() ?? humanise(text);
  return typeof value === "object" ? JSON.stringify(value) : text;
}

const fieldsOf = (snapshot: unknown): Record<string, unknown> =>
  snapshot !== null && typeof snapshot === "object" && !Array.isArray(snapshot)
    ? (snapshot as Record<string, unknown>)
    : {};

/** The fields an entry changed, by their labels, with what they were and what they became. */
export function auditChanges(row: Pick<AuditRow, "entity" | "before" | "after">, lookup: AuditLookup): AuditChange[] {
  const before = fieldsOf(row.before);
  const after = fieldsOf(row.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_FIELDS.has(k));
  return keys
    .filter((k) => !(k in before && k in after) || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({
      label: FIELD_LABELS[k] ?? humanise(k).replace(/^./, (c) => c.toUpperCase()),
      before: k in before ? words(row.entity, k, before[k], lookup) : null,
      after: k in after ? words(row.entity, k, after[k], lookup) : null,
    }));
}

/** The people, PCNs and files a page of entries mentions by id, so their names can be fetched in one go. */
export function referencedIds(rows: Pick<AuditRow, "before" | "after">[]): {
  people: number[];
  pcns: number[];
  files: number[];
} {
  const people = new Set<number>();
  const pcns = new Set<number>();
  const files = new Set<number>();
  for (const row of rows) {
    for (const [field, value] of [...Object.entries(fieldsOf(row.before)), ...Object.entries(fieldsOf(row.after))]) {
      const target = PERSON_FIELDS.has(field)
        ? people
        : FILE_FIELDS.has(field)
          ? files
          : field === "pcnId"
            ? pcns
            : null;
      for (const v of Array.isArray(value) ? value : [value])
        if (target && Number.isInteger(Number(v)) && v !== null) target.add(Number(v));
    }
  }
  return { people: [...people], pcns: [...pcns], files: [...files] };
}
