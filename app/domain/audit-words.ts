/**
 * The audit trail in words: "Priya Shah verified Jack Thompson’s PCI course record", and each change as
 * "Status: Enrolled → Completed". Records by their names, people by theirs; never ids or codes.
 */
import { formatDate, formatDateTime } from "~/domain/format";
import {
  APPRAISAL_ACTION_VERBS,
  APPRAISAL_STATUS_LABELS,
  ARRANGEMENT_KIND_LABELS,
  ARRANGEMENT_KIND_PHRASES,
  CPD_TYPES,
  EVIDENCE_STATUS_LABELS,
  EVIDENCE_TYPES,
  GOAL_ACTION_VERBS,
  MEETING_MODE_LABELS,
  MEETING_STATUS_LABELS,
  PURGE_COUNT_LABELS,
  RATING_ACTION_VERBS,
  REVIEW_ACTION_VERBS,
  TRAINING_STATUS_LABELS,
  VERIFICATION_METHOD_RECORDS,
  type AuditAction,
  type AuditEntity,
} from "./vocabulary";
import { ssoProviderLabel } from "./single-sign-on";

export interface AuditRow {
  actorId: number | null;
  actorName: string | null;
  entity: AuditEntity;
  /** Any text: an entry written by an older version may hold an action this one no longer writes. */
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

/** What a sentence is made of: who did it, to whom, and whether it was to themself. */
interface Parts {
  actor: string;
  subject: string;
  /** "their" when it was their own, "Jack Thompson’s", or "a" when nobody is named. */
  whose: string;
  own: boolean;
  row: AuditRow;
}
type Sentence = (parts: Parts) => string;

/** "reset-two-factor" → "reset two factor": an action written by an older version still reads as words. */
const humanise = (code: string) =>
  code.replace(/[-_]/g, " ").replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
/** The provider an entry about a linked account names, in words. */
const providerOf = (payload: unknown) => {
  const provider = (payload as { provider?: unknown } | null)?.provider;
  return typeof provider === "string" ? ssoProviderLabel(provider) : "single sign-on";
};
const possessive = (name: string) => `${name}’s`;
const theirOr = (own: boolean, subject: string) => (own ? "their" : possessive(subject));

const USER_SENTENCES: Record<AuditAction<"user">, Sentence> = {
  create: ({ actor, subject }) => `${actor} added ${subject}`,
  update: ({ actor, subject, own }) => `${actor} changed ${own ? "their own" : possessive(subject)} details`,
  "move-out": ({ actor, subject }) => `${actor} moved ${subject} out of their PCN`,
  deactivate: ({ actor, subject }) => `${actor} deactivated ${possessive(subject)} account`,
  reactivate: ({ actor, subject }) => `${actor} reactivated ${possessive(subject)} account`,
  "issue-password-link": ({ actor, subject }) => `${actor} created a set-password link for ${subject}`,
  "set-password": ({ subject }) => `${subject} set their password with a set-password link`,
  "change-password": ({ actor, subject, own }) => `${actor} changed ${theirOr(own, subject)} password`,
  "enable-two-factor": ({ actor, subject, own }) =>
    own ? `${actor} turned on two-step sign-in` : `${actor} turned on two-step sign-in for ${subject}`,
  "disable-two-factor": ({ actor, subject, own }) =>
    own ? `${actor} turned off two-step sign-in` : `${actor} turned off two-step sign-in for ${subject}`,
  "reset-two-factor": ({ actor, subject }) => `${actor} reset two-step sign-in for ${subject}`,
  "export-personal-data": ({ actor, subject, own }) => `${actor} downloaded ${theirOr(own, subject)} personal data`,
  purge: ({ actor, subject }) => `${actor} deleted ${possessive(subject)} records after their retention period`,
  "change-email-notices": ({ actor, subject, own }) =>
    `${actor} changed whether ${own ? "they get" : `${subject} gets`} notifications by email`,
  "link-identity": ({ actor, subject, own, row }) =>
    `${actor} linked ${own ? "their" : possessive(subject)} ${providerOf(row.after)} account`,
  "unlink-identity": ({ actor, subject, own, row }) =>
    `${actor} unlinked ${own ? "their" : possessive(subject)} ${providerOf(row.before)} account`,
  "issue-identity-link": ({ actor, subject }) => `${actor} created a link for ${subject} to link their NHS account`,
  "sign-in-sso": ({ actor, row }) => `${actor} signed in with ${providerOf(row.after)}`,
};

const PCN_SENTENCES: Record<AuditAction<"pcn">, Sentence> = {
  create: ({ actor, row }) => `${actor} added the PCN ${row.recordKey ?? ""}`.trimEnd(),
  update: ({ actor, row }) => `${actor} changed the PCN ${row.recordKey ?? ""}`.trimEnd(),
};

function arrangementRole(row: AuditRow, whose: string): { person: string; role: string } {
  const [kind = "", person = "someone"] = (row.recordKey ?? "").split(/:(.*)/s);
  const phrase = wordsFor(ARRANGEMENT_KIND_PHRASES, kind);
  return { person, role: `${whose} ${phrase ?? "supervision arrangement"}` };
}

const ARRANGEMENT_SENTENCES: Record<AuditAction<"supervision_arrangement">, Sentence> = {
  create: ({ actor, whose, row }) => {
    const { person, role } = arrangementRole(row, whose);
    return `${actor} recorded ${person} as ${role}`;
  },
  end: ({ actor, whose, row }) => {
    const { person, role } = arrangementRole(row, whose);
    return `${actor} ended ${possessive(person)} arrangement as ${role}`;
  },
};

const RETENTION_SENTENCES: Record<AuditAction<"retention">, Sentence> = {
  purge: ({ actor }) =>
    `${actor} deleted failed sign-ins, ended sessions and unlinked uploads older than their retention periods`,
};

// The training and the period are in the entry's changes, named from content.
const LOCAL_PERIOD_SENTENCES: Record<AuditAction<"local_period">, Sentence> = {
  set: ({ actor }) => `${actor} set a local renewal period for training`,
  remove: ({ actor }) => `${actor} removed a local renewal period for training`,
};

type SentenceEntity = "user" | "pcn" | "supervision_arrangement" | "retention" | "local_period";
const SENTENCES: { [E in SentenceEntity]: Record<AuditAction<E>, Sentence> } = {
  user: USER_SENTENCES,
  pcn: PCN_SENTENCES,
  supervision_arrangement: ARRANGEMENT_SENTENCES,
  retention: RETENTION_SENTENCES,
  local_period: LOCAL_PERIOD_SENTENCES,
};

/** The records that belong to a person, each action as the verb before "Jack Thompson’s PCI course record". */
type RecordEntity = Exclude<AuditEntity, SentenceEntity>;
const RECORD_VERBS: { [E in RecordEntity]: Record<AuditAction<E>, string> } = {
  evidence: { create: "added", edit: "changed", amend: "amended", ...REVIEW_ACTION_VERBS },
  attachment: { upload: "uploaded" },
  competency: { "sign-off": "signed off", withdraw: "withdrew the sign-off of" },
  training: { create: "added", update: "changed", verify: "verified" },
  cpd: { create: "added", update: "changed", delete: "deleted" },
  supervision_meeting: { create: "added", confirm: "confirmed", dispute: "disputed" },
  competency_rating: { create: "made", ...RATING_ACTION_VERBS },
  development_goal: { create: "added", ...GOAL_ACTION_VERBS },
  induction: { create: "made", tick: "ticked", untick: "unticked" },
  appraisal: { create: "recorded", ...APPRAISAL_ACTION_VERBS },
};

function recordName(row: AuditRow & { entity: RecordEntity }, lookup: AuditLookup): string {
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
    case "competency_rating":
      return `self-rating on “${(key && lookup.competency(key)) ?? "a competency no longer in the framework"}”`;
    case "development_goal":
      return key ? `development goal “${key}”` : "development goal";
    case "induction":
      return key ? `induction item “${key}”` : "induction checklist";
    case "appraisal":
      return key ? `appraisal on ${formatDate(key)}` : "appraisal";
  }
}

const isRecordEntity = (row: AuditRow): row is AuditRow & { entity: RecordEntity } => row.entity in RECORD_VERBS;
const wordsFor = <T>(table: Record<string, T>, action: string): T | undefined =>
  Object.hasOwn(table, action) ? table[action] : undefined;

/** One entry as a sentence, starting with who did it. */
export function auditSentence(row: AuditRow, lookup: AuditLookup): string {
  const actor = row.actorName ?? "The system";
  const own = row.actorId !== null && row.actorId === row.subjectId;
  const subject = row.subjectName ?? "a person";
  const parts: Parts = { actor, subject, own, row, whose: own ? "their" : row.subjectName ? possessive(subject) : "a" };
  if (isRecordEntity(row)) {
    const verb = wordsFor<string>(RECORD_VERBS[row.entity], row.action) ?? humanise(row.action);
    return `${actor} ${verb} ${parts.whose} ${recordName(row, lookup)}`;
  }
  const sentence = wordsFor<Sentence>(SENTENCES[row.entity as SentenceEntity], row.action);
  return sentence ? sentence(parts) : `${actor} ${humanise(row.action)}: ${subject}`;
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
  emailNotices: "Notifications by email",
  renewalMonths: "Renewal period in months",
  reason: "Reason",
  appraiserId: "Appraiser",
  heldOn: "Date of the appraisal",
  periodStart: "Period from",
  periodEnd: "Period to",
  summary: "Summary",
  objectives: "Objectives agreed",
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
const PERSON_FIELDS = new Set(["verifiedBy", "supervisorId", "personId", "actorId", "createdBy", "appraiserId"]);
const FILE_FIELDS = new Set(["attachmentId", "attachmentIds"]);
const DATE_FIELDS = new Set([
  "completedOn",
  "activityDate",
  "metOn",
  "startDate",
  "startedOn",
  "endedOn",
  "heldOn",
  "periodStart",
  "periodEnd",
]);
const STATUS_WORDS: Partial<Record<AuditEntity, Record<string, string>>> = {
  training: TRAINING_STATUS_LABELS,
  evidence: EVIDENCE_STATUS_LABELS,
  supervision_meeting: MEETING_STATUS_LABELS,
  appraisal: APPRAISAL_STATUS_LABELS,
};
const TYPE_WORDS: Partial<Record<AuditEntity, Record<string, string>>> = { cpd: CPD_TYPES, evidence: EVIDENCE_TYPES };

function words(entity: AuditEntity, field: string, value: unknown, lookup: AuditLookup): string {
  if (value === null || value === undefined || value === "") return "None";
  if (Array.isArray(value)) return value.length ? value.map((v) => words(entity, field, v, lookup)).join("; ") : "None";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const text = String(value);
  const id = Number(value);
  if (PERSON_FIELDS.has(field)) return lookup.person(id) ?? "A person no longer in Care Portfolio";
  if (FILE_FIELDS.has(field)) return lookup.file(id) ?? "A file";
  if (DATE_FIELDS.has(field)) return formatDate(text);
  if (field === "objectives" && typeof value === "object") {
    const objective = value as { title?: unknown; targetDate?: unknown };
    return `${String(objective.title)}, by ${formatDate(String(objective.targetDate))}`;
  }
  const named: Record<string, () => string | undefined> = {
    pcnId: () => lookup.pcn(id),
    requirementId: () => lookup.requirement(text),
    competencyIds: () => lookup.competency(text),
    jobRole: () => lookup.jobRole(text),
    roles: () => lookup.appRole(text),
    status: () => wordsFor(STATUS_WORDS[entity] ?? {}, text),
    type: () => wordsFor(TYPE_WORDS[entity] ?? {}, text),
    mode: () => wordsFor(MEETING_MODE_LABELS, text),
    kind: () => wordsFor(ARRANGEMENT_KIND_LABELS, text),
    verifiedAt: () => formatDateTime(text),
    verificationMethod: () => wordsFor(VERIFICATION_METHOD_RECORDS, text),
  };
  if (field in named) return named[field]!() ?? humanise(text);
  return typeof value === "object" ? JSON.stringify(value) : text;
}

const fieldsOf = (snapshot: unknown): Record<string, unknown> =>
  snapshot !== null && typeof snapshot === "object" && !Array.isArray(snapshot)
    ? (snapshot as Record<string, unknown>)
    : {};

/** The fields an entry changed, by their labels, with what they were and what they became. */
export function auditChanges(
  row: Pick<AuditRow, "entity" | "before" | "after"> & { action?: string },
  lookup: AuditLookup,
): AuditChange[] {
  // A purge records what it removed, counted: the counts have labels of their own.
  const countLabels: Record<string, string> = row.action === "purge" ? PURGE_COUNT_LABELS : {};
  const before = fieldsOf(row.before);
  const after = fieldsOf(row.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_FIELDS.has(k));
  return keys
    .filter((k) => !(k in before && k in after) || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({
      label: wordsFor(countLabels, k) ?? FIELD_LABELS[k] ?? humanise(k).replace(/^./, (c) => c.toUpperCase()),
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
