/**
 * Every word people see for a state, type, role, mode or action, defined once and used by the web pages, the CSV
 * and the PDFs alike. Each is a Record over its union, so a new member fails the typecheck until it has words.
 */
import type { InductionStatus } from "./induction";
import type { AppRole } from "./permissions";
import type { SupervisionState } from "./supervision-cadence";
import type { TrainingRecordStatus, TrainingState } from "./training-status";

export const EVIDENCE_TYPES = {
  "reflective-account": "Reflective account",
  certificate: "Certificate",
  observation: "Observation by a colleague",
  feedback: "Feedback or testimonial",
  "case-study": "Anonymised case study",
  "supervision-record": "Supervision record",
  other: "Other",
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export type EvidenceState = "draft" | "submitted" | "returned" | "accepted";
export const EVIDENCE_STATUS_LABELS: Record<EvidenceState, string> = {
  draft: "Draft",
  submitted: "Waiting for review",
  returned: "Returned for changes",
  accepted: "Accepted",
};
/** Inside a sentence: "This evidence is waiting for review, so it cannot be edited." */
export const EVIDENCE_STATUS_PHRASES: Record<EvidenceState, string> = {
  draft: "a draft",
  submitted: "waiting for review",
  returned: "returned for changes",
  accepted: "accepted",
};

/** What the owner and a reviewer can do to evidence (see the rules in evidence-workflow.ts). */
export type EvidenceAction = "submit" | "return" | "accept" | "amend" | "edit" | "withdraw";

export type CompetencyStatus = "not-started" | "developing" | "signed-off" | "withdrawn";
export const COMPETENCY_STATUS_LABELS: Record<CompetencyStatus, string> = {
  "not-started": "Not started",
  developing: "Developing",
  "signed-off": "Signed off",
  withdrawn: "Sign-off withdrawn",
};

export const CPD_TYPES = {
  "formal-course": "Formal course",
  "e-learning": "E-learning",
  webinar: "Webinar",
  "peer-support": "Peer support",
  supervision: "Supervision",
  reading: "Reading",
  other: "Other",
} as const;
export type CpdType = keyof typeof CPD_TYPES;

export const TRAINING_STATUS_LABELS: Record<TrainingRecordStatus, string> = {
  enrolled: "Enrolled",
  undertaking: "Undertaking",
  completed: "Completed",
};

/** The same statuses inside a sentence: "PCI course: in progress, but must be completed". */
export const TRAINING_STATUS_PHRASES: Record<TrainingRecordStatus, string> = {
  enrolled: "enrolled",
  undertaking: "in progress",
  completed: "completed",
};

/** Whether a person's training meets a requirement today, best to worst (the order tables and charts use). */
export const TRAINING_STATE_LABELS: Record<TrainingState, string> = {
  valid: "Valid",
  "expiring-soon": "Expiring soon",
  "in-progress": "In progress",
  expired: "Expired",
  missing: "Missing",
};
export const TRAINING_STATES = Object.keys(TRAINING_STATE_LABELS) as TrainingState[];

/** Recommended training nobody has done is a suggestion, not a gap: it never reads "Missing". */
export const trainingStateLabel = (state: TrainingState, required = true): string =>
  !required && state === "missing" ? "Recommended" : TRAINING_STATE_LABELS[state];

export type ReadinessState = "ready" | "pending-verification" | "not-ready";
/** The same words everywhere readiness shows: pages, the API's consumers, the CSV and the PDFs. */
export const READINESS_LABELS: Record<ReadinessState, string> = {
  ready: "Ready",
  "pending-verification": "Ready pending verification",
  "not-ready": "Not ready",
};

export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  ok: "Up to date",
  "due-soon": "Due soon",
  overdue: "Overdue",
  "no-supervisor": "No supervisor",
};

/** A meeting the member of staff recorded waits for their supervisor to confirm or dispute it. */
export type MeetingStatus = "pending" | "confirmed" | "disputed";
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  pending: "Awaiting confirmation",
  confirmed: "Confirmed",
  disputed: "Disputed",
};

export type MeetingMode = "face-to-face" | "virtual";
export const MEETING_MODE_LABELS: Record<MeetingMode, string> = {
  "face-to-face": "Face to face",
  virtual: "Virtual",
};
/** The same modes as answers to "How did you meet?" on the meeting form. */
export const MEETING_MODE_CHOICES: Record<MeetingMode, string> = {
  "face-to-face": "Face to face",
  virtual: "Virtually (video or phone)",
};

export type ArrangementKind = "supervisor" | "first-contact" | "line-manager";
export const ARRANGEMENT_KIND_LABELS: Record<ArrangementKind, string> = {
  supervisor: "Designated supervisor",
  "first-contact": "First point of contact",
  "line-manager": "Line manager",
};
/** Inside a sentence: "Priya Shah recorded Grace Okafor as Jack Thompson's line manager". */
export const ARRANGEMENT_KIND_PHRASES: Record<ArrangementKind, string> = {
  supervisor: "supervisor",
  "first-contact": "first point of contact",
  "line-manager": "line manager",
};

export const APP_ROLE_LABELS: Record<AppRole, string> = {
  coordinator: "Member of staff (keeps a portfolio)",
  supervisor: "Supervisor",
  lead: "PCN lead",
  admin: "Administrator",
};

/** The steps of a review that evidence_reviews records. */
export type ReviewAction = Extract<EvidenceAction, "submit" | "withdraw" | "return" | "accept">;
export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  submit: "Submitted for review",
  withdraw: "Withdrawn from review",
  return: "Returned for changes",
  accept: "Accepted",
};
/** Inside a sentence after the person's name: "Grace Okafor returned version 2". */
export const REVIEW_ACTION_VERBS: Record<ReviewAction, string> = {
  submit: "submitted",
  withdraw: "withdrew",
  return: "returned",
  accept: "accepted",
};

/** Where a self-rating stands: made, waiting for the supervisor, confirmed by them, or returned with a comment. */
export type RatingState = "self-rated" | "awaiting-confirmation" | "confirmed" | "returned";
export const RATING_STATUS_LABELS: Record<RatingState, string> = {
  "self-rated": "Self-rated",
  "awaiting-confirmation": "Waiting for supervisor",
  confirmed: "Confirmed",
  returned: "Returned",
};
/** What the member of staff and their supervisor do to a self-rating (see rating-workflow.ts). */
export type RatingAction = "request" | "confirm" | "return";
/** Inside a sentence after the person's name: "Grace Okafor confirmed Jack Thompson's rating". */
export const RATING_ACTION_VERBS: Record<RatingAction, string> = {
  request: "asked for confirmation of",
  confirm: "confirmed",
  return: "returned",
};

/** Where a goal in a personal development plan stands. */
export type GoalStatus = "not-started" | "in-progress" | "achieved" | "carried-forward" | "dropped";
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  achieved: "Achieved",
  "carried-forward": "Carried forward",
  dropped: "Dropped",
};
/** Inside a sentence: "This goal is achieved, so it cannot be dropped." */
export const GOAL_STATUS_PHRASES: Record<GoalStatus, string> = {
  "not-started": "not started",
  "in-progress": "in progress",
  achieved: "achieved",
  "carried-forward": "carried forward",
  dropped: "dropped",
};
/** What can be done to a goal (see goal-workflow.ts). */
export type GoalAction = "agree" | "start" | "achieve" | "drop" | "carry-forward" | "record-progress";
export const GOAL_ACTION_VERBS: Record<GoalAction, string> = {
  agree: "agreed",
  start: "started",
  achieve: "achieved",
  drop: "dropped",
  "carry-forward": "carried forward",
  "record-progress": "recorded progress on",
};

/** Where a piece a development pathway asks for stands for a person (see pathways.ts). */
export type PathwayPieceState = "met" | "planned" | "missing";
export const PATHWAY_PIECE_LABELS: Record<PathwayPieceState, string> = {
  met: "Met",
  planned: "In the plan",
  missing: "Missing",
};
/** What kind of route a development pathway is. */
export const PATHWAY_KIND_LABELS = {
  "specialist-setting": "Specialist setting",
  management: "Management",
  "entry-route": "Route into the role",
} as const;
export type PathwayKind = keyof typeof PATHWAY_KIND_LABELS;
/** Where an induction checklist stands (see induction.ts). */
export const INDUCTION_STATUS_LABELS: Record<InductionStatus, string> = {
  complete: "Complete",
  "in-progress": "In progress",
  "due-soon": "Due soon",
  overdue: "Overdue",
};

/** Someone's induction as the dashboard words it, for its CSV and the compliance report: where it stands, and how far. */
export function inductionWords(induction: { done: number; total: number; status: InductionStatus } | null) {
  return induction
    ? { state: INDUCTION_STATUS_LABELS[induction.status], progress: `${induction.done} of ${induction.total} done` }
    : { state: "No checklist", progress: "" };
}

/** Where an appraisal stands: being written by the appraiser, confirmed by them and waiting for the person, or confirmed by both. */
export type AppraisalStatus = "draft" | "awaiting-person" | "confirmed";
export const APPRAISAL_STATUS_LABELS: Record<AppraisalStatus, string> = {
  draft: "Draft",
  "awaiting-person": "Waiting for the person to confirm",
  confirmed: "Confirmed by both",
};
/** Inside a sentence: "This appraisal is confirmed by both, so it cannot be edited." */
export const APPRAISAL_STATUS_PHRASES: Record<AppraisalStatus, string> = {
  draft: "a draft",
  "awaiting-person": "confirmed by the appraiser",
  confirmed: "confirmed by both",
};
/** What can be done to an appraisal (see appraisal-workflow.ts). */
export type AppraisalAction = "edit" | "appraiser-confirm" | "person-confirm";
export const APPRAISAL_ACTION_VERBS: Record<AppraisalAction, string> = {
  edit: "changed",
  "appraiser-confirm": "confirmed",
  "person-confirm": "confirmed",
};

/** How a goal will be met. */
export const GOAL_METHODS = {
  training: "Training from the catalogue",
  shadowing: "Shadowing a colleague",
  reading: "Reading",
  course: "A course",
  supervision: "Supervision",
} as const;
export type GoalMethod = keyof typeof GOAL_METHODS;

/** What a verifier checked: the certificate (uploaded or seen), the ESR record, the provider's list, or something else. */
export type VerificationMethod = "certificate" | "esr" | "provider-list" | "other";

/** What a supervisor or lead checked before verifying a training record (no uploaded certificate needed). */
export const VERIFICATION_METHODS: Record<VerificationMethod, string> = {
  certificate: "I have seen the certificate",
  esr: "I checked their ESR record",
  "provider-list": "I checked the training provider's list of attendees or learners",
  other: "Something else",
};

/** The same, as a record of what was done. */
export const VERIFICATION_METHOD_RECORDS: Record<VerificationMethod, string> = {
  certificate: "seen the certificate",
  esr: "checked the ESR record",
  "provider-list": "checked the training provider's list",
  other: "other check",
};

/** What each kind of audit entry is about, and every action recorded against it. */
export const AUDIT_ACTIONS = {
  user: [
    "create",
    "update",
    "move-out",
    "deactivate",
    "reactivate",
    "issue-password-link",
    "set-password",
    "change-password",
    "enable-two-factor",
    "disable-two-factor",
    "reset-two-factor",
    "export-personal-data",
    "purge",
    "change-email-notices",
    "link-identity",
    "unlink-identity",
    "issue-identity-link",
    "sign-in-sso",
  ],
  pcn: ["create", "update"],
  supervision_arrangement: ["create", "end"],
  evidence: ["create", "edit", "amend", "submit", "withdraw", "return", "accept"],
  attachment: ["upload"],
  competency: ["sign-off", "withdraw"],
  training: ["create", "update", "verify"],
  cpd: ["create", "update", "delete"],
  supervision_meeting: ["create", "confirm", "dispute"],
  competency_rating: ["create", "request", "confirm", "return"],
  development_goal: ["create", "agree", "start", "achieve", "drop", "carry-forward", "record-progress"],
  induction: ["create", "tick", "untick"],
  appraisal: ["create", "edit", "appraiser-confirm", "person-confirm"],
  retention: ["purge"],
  local_period: ["set", "remove"],
} as const satisfies Record<string, readonly string[]>;
export type AuditEntity = keyof typeof AUDIT_ACTIONS;
export type AuditAction<E extends AuditEntity = AuditEntity> = (typeof AUDIT_ACTIONS)[E][number];
export const AUDIT_ENTITIES = Object.keys(AUDIT_ACTIONS) as AuditEntity[];

/** The audit trail's "Record" filter. */
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  user: "Person",
  pcn: "PCN",
  supervision_arrangement: "Supervision arrangement",
  evidence: "Evidence",
  attachment: "File",
  competency: "Competency sign-off",
  training: "Training record",
  cpd: "CPD entry",
  supervision_meeting: "Supervision meeting",
  competency_rating: "Self-assessment rating",
  development_goal: "Development plan goal",
  induction: "Induction checklist",
  appraisal: "Appraisal",
  retention: "Routine purge",
  local_period: "Local renewal period",
};

/** What a purge removed (a leaver's records, or the routine purge of old sign-in and session data), counted. */
export type PurgeCount =
  | "evidenceItems"
  | "evidenceVersions"
  | "evidenceReviews"
  | "signoffs"
  | "trainingRecords"
  | "cpdEntries"
  | "supervisionMeetings"
  | "ratings"
  | "goals"
  | "inductionItems"
  | "appraisals"
  | "arrangements"
  | "attachments"
  | "unlinkedUploads"
  | "files"
  | "sessions"
  | "credentials"
  | "signInFailures"
  | "auditRowsRedacted";
export const PURGE_COUNT_LABELS: Record<PurgeCount, string> = {
  evidenceItems: "Evidence items",
  evidenceVersions: "Evidence versions",
  evidenceReviews: "Evidence reviews",
  signoffs: "Competency sign-offs and withdrawals",
  trainingRecords: "Training records",
  cpdEntries: "CPD entries",
  supervisionMeetings: "Supervision meetings",
  ratings: "Self-assessment ratings",
  goals: "Development plan goals",
  inductionItems: "Induction checklist items",
  appraisals: "Appraisals",
  arrangements: "Supervision and line management arrangements",
  attachments: "Uploaded files (records)",
  unlinkedUploads: "Uploads not linked to any record",
  files: "Uploaded files (stored copies deleted)",
  sessions: "Sessions",
  credentials: "Recovery codes and set-password links",
  signInFailures: "Failed sign-in records",
  auditRowsRedacted: "Audit entries with personal details removed",
};

export const options = <T extends Record<string, string>>(labels: T) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
