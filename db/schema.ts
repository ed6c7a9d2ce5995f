import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { EvidenceState } from "../app/domain/evidence-workflow";
import type { AppRole } from "../app/domain/permissions";
import type { SupervisionState } from "../app/domain/supervision-cadence";
import type { TrainingImportLayout } from "../app/domain/training-import-file";
import type { TrainingRecordStatus, TrainingState } from "../app/domain/training-status";
import type { NoticeAudience, NoticeEmailStatus, NoticeKind } from "../app/domain/notices";
import type {
  ArrangementKind,
  AuditAction,
  AuditEntity,
  MeetingMode,
  MeetingStatus,
  GoalAction,
  GoalStatus,
  AppraisalStatus,
  RatingAction,
  RatingState,
  ReadinessState,
  ReviewAction,
  VerificationMethod,
} from "../app/domain/vocabulary";

// The unions the columns hold are defined, with their words, in app/domain.
export type { AppRole, ArrangementKind, MeetingStatus, VerificationMethod };
export type EvidenceStatus = EvidenceState;
export type TrainingStatus = TrainingRecordStatus;

/**
 * The typed shape of the database. SQLite stores timestamps as ISO-8601 text, calendar dates as YYYY-MM-DD text
 * and booleans as 0/1 integers; models convert at their edge.
 */
export interface Database {
  pcns: PcnTable;
  users: UserTable;
  user_roles: UserRoleTable;
  supervision_arrangements: SupervisionArrangementTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  password_tokens: PasswordTokenTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  audit_people: AuditPeopleTable;
  attachments: AttachmentTable;
  evidence_items: EvidenceItemTable;
  evidence_versions: EvidenceVersionTable;
  evidence_version_competencies: EvidenceVersionCompetencyTable;
  evidence_version_attachments: EvidenceVersionAttachmentTable;
  evidence_reviews: EvidenceReviewTable;
  competency_signoffs: CompetencySignoffTable;
  training_records: TrainingRecordTable;
  training_imports: TrainingImportTable;
  cpd_entries: CpdEntryTable;
  cpd_entry_competencies: CpdEntryCompetencyTable;
  supervision_meetings: SupervisionMeetingTable;
  person_standings: PersonStandingTable;
  person_requirement_states: PersonRequirementStateTable;
  pcn_standings: PcnStandingTable;
  scope_standings: ScopeStandingTable;
  scope_expiries: ScopeExpiryTable;
  rollup_meta: RollupMetaTable;
  notices: NoticeTable;
  local_periods: LocalPeriodTable;
  identities: IdentityTable;
  identity_link_tokens: IdentityLinkTokenTable;
  sign_in_requests: SignInRequestTable;
  competency_ratings: CompetencyRatingTable;
  rating_reviews: RatingReviewTable;
  development_goals: DevelopmentGoalTable;
  development_goal_competencies: DevelopmentGoalCompetencyTable;
  development_goal_updates: DevelopmentGoalUpdateTable;
  induction_checklists: InductionChecklistTable;
  induction_items: InductionItemTable;
  appraisals: AppraisalTable;
  appraisal_versions: AppraisalVersionTable;
}

type Id = Generated<number>;
type Flag = ColumnType<number, number | undefined, number>;

export interface PcnTable {
  id: Id;
  name: string;
  ods_code: string;
  ics_name: string | null;
  created_at: string;
}

export interface UserTable {
  id: Id;
  pcn_id: number | null;
  name: string;
  email: string;
  /** Lower-cased email: the unique key, so sign-in ignores case. */
  email_key: string;
  job_role: string | null;
  fte: number | null;
  start_date: string | null;
  active: Flag;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Flag;
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
  /** When the person was last deactivated: their retention period runs from here (ADR 0010). */
  deactivated_at: string | null;
  /** When their records were purged; the row stays, emptied, so other people's records still resolve. */
  purged_at: string | null;
  /** 1 when the person wants notification digests by email, 0 for the in-app list only. */
  email_notices: Flag;
  /** Their ESR employee number, optional and unique: training imports match rows by it as well as by email. */
  staff_number: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserRoleTable {
  user_id: number;
  role: AppRole;
}

export interface SupervisionArrangementTable {
  id: Id;
  staff_id: number;
  person_id: number;
  kind: ArrangementKind;
  started_on: string;
  ended_on: string | null;
  created_by: number | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not hand out live sessions. */
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** 1 while a password was accepted but the second factor is still awaited. */
  mfa_pending: Flag;
  ip: string | null;
  user_agent: string | null;
  /** The single sign-on provider that signed this session in (ADR 0014); null after a password. */
  signed_in_with: string | null;
}

export interface RecoveryCodeTable {
  id: Id;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface PasswordTokenTable {
  token_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailureTable {
  id: Id;
  /** What failed, as ADR 0007 counts it: "pair:<email_key>|<ip>", "account:<email_key>", "address:<ip>", "second-factor:<user id>" or "current-password:<user id>". */
  key: string;
  at_ms: number;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  actor_id: number | null;
  pcn_id: number | null;
  entity: AuditEntity;
  entity_id: string;
  action: AuditAction;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  /** Set when personal data was cleared from this row by a purge (ADR 0010). */
  redacted_at: string | null;
}

/** One row per person an audit entry concerns (who acted, whose record): the audit trail's person filter. */
export interface AuditPeopleTable {
  person_id: number;
  /** The entry's `at`, so a person's entries page by the same key as the trail. */
  at: string;
  audit_id: number;
}

export interface AttachmentTable {
  id: Id;
  owner_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: number;
  created_at: string;
}

export interface EvidenceItemTable {
  id: Id;
  owner_id: number;
  status: EvidenceStatus;
  current_version: number;
  framework_version: string;
  created_at: string;
  updated_at: string;
}

export interface EvidenceVersionTable {
  id: Id;
  evidence_id: number;
  version: number;
  title: string;
  activity_date: string;
  type: string;
  what_happened: string;
  what_learned: string;
  what_next: string;
  /** When the author confirmed that flagged text is not patient data; null when nothing was flagged. */
  patient_data_confirmed_at: string | null;
  patient_data_findings: string | null;
  created_by: number;
  created_at: string;
}

export interface EvidenceVersionCompetencyTable {
  version_id: number;
  competency_id: string;
}

export interface EvidenceVersionAttachmentTable {
  version_id: number;
  attachment_id: number;
}

export interface EvidenceReviewTable {
  id: Id;
  evidence_id: number;
  version: number;
  action: ReviewAction;
  comment: string | null;
  actor_id: number;
  at: string;
}

/** Append-only: a sign-off and its withdrawal are separate rows, so a signed-off record is never rewritten. */
export interface CompetencySignoffTable {
  id: Id;
  user_id: number;
  competency_id: string;
  framework_version: string;
  action: "sign-off" | "withdraw";
  comment: string;
  actor_id: number;
  at: string;
}

export interface TrainingRecordTable {
  id: Id;
  user_id: number;
  requirement_id: string;
  content_version: string;
  status: TrainingStatus;
  completed_on: string | null;
  provider: string | null;
  attachment_id: number | null;
  verified_by: number | null;
  verified_at: string | null;
  verification_method: VerificationMethod | null;
  /** Required when the method is "other": what was checked. */
  verification_note: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  /** Where an imported record came from (null: typed in the app); the import that wrote it last. */
  imported_from: ColumnType<
    TrainingImportLayout | null,
    TrainingImportLayout | null | undefined,
    TrainingImportLayout | null
  >;
  import_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One applied training import: the file, who applied it and what it did (ADR 0016). */
export interface TrainingImportTable {
  id: Id;
  /** The importer's PCN for a lead; null for an administrator's import, which may cover every PCN. */
  pcn_id: number | null;
  layout: TrainingImportLayout;
  file_name: string;
  file_sha256: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  imported_by: number;
  imported_at: string;
}

export interface CpdEntryTable {
  id: Id;
  user_id: number;
  activity: string;
  activity_date: string;
  hours: number;
  type: string;
  provider: string | null;
  reflection: string;
  framework_version: string;
  created_at: string;
  updated_at: string;
}

export interface CpdEntryCompetencyTable {
  cpd_id: number;
  competency_id: string;
}

export interface SupervisionMeetingTable {
  id: Id;
  staff_id: number;
  supervisor_id: number;
  met_on: string;
  minutes: number;
  mode: MeetingMode;
  topics: string;
  patient_concerns: Flag;
  safeguarding_concerns: Flag;
  actions: string;
  recorded_by: number;
  created_at: string;
  /** Pending until the supervisor confirms or disputes a meeting the member of staff recorded. */
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  decided_by: number | null;
  decided_at: string | null;
  dispute_reason: string | null;
}

/**
 * Rollups (app/models/rollups.server.ts): one row per active member of staff with where they stand, derived from
 * their records and rebuildable at any time. `stale_on` is the first day the standing changes with time alone.
 */
export interface PersonStandingTable {
  user_id: number;
  pcn_id: number | null;
  job_role: string;
  name: string;
  /** The name lower-cased: what the dashboard sorts and searches by. */
  sort_name: string;
  readiness: ReadinessState;
  readiness_rank: number;
  blockers_json: string;
  awaiting_json: string;
  training_valid: number;
  training_expiring: number;
  training_in_progress: number;
  training_expired: number;
  training_missing: number;
  verified: number;
  recorded: number;
  unverified: number;
  supervision_state: SupervisionState;
  supervision_due_on: string;
  /** "" when nobody supervises them (that sorts first), else the due date. */
  supervision_sort: string;
  signed_off: number;
  cpd_hours: number;
  expiries_json: string;
  computed_on: string;
  stale_on: string | null;
}

export interface PersonRequirementStateTable {
  user_id: number;
  requirement_id: string;
  state: TrainingState;
  /** When the record that decides the state expires (the PCN's local period applied), or null when it never does. */
  expires_on: string | null;
}

export interface PcnStandingTable {
  /** The PCN's id, or 0 for staff in no PCN. */
  pcn_key: number;
  figures_json: string;
}

export interface ScopeStandingTable {
  /** "all" for the whole deployment, "ics:<name>" for an integrated care system. */
  scope: string;
  figures_json: string;
}

export interface ScopeExpiryTable {
  /** As in scope_standings: "all" or "ics:<name>". */
  scope: string;
  expires_on: string;
  requirement_id: string;
  /** How many of the scope's staff have this required training lapse on this day. */
  people: number;
}

/** A PCN's own renewal period for a piece of training, in place of the content's (set by its lead, with a reason). */
export interface LocalPeriodTable {
  pcn_id: number;
  requirement_id: string;
  renewal_months: number;
  reason: string;
  set_by: number | null;
  set_at: string;
}

export interface RollupMetaTable {
  name: string;
  value: string;
}

/**
 * Notifications (ADR 0015): the in-app list and the log of what was emailed. One row per recipient, item and threshold
 * reached (unique), so running the job again adds nothing.
 */
export interface NoticeTable {
  id: Id;
  recipient_id: number;
  /** Whose record it is about. */
  subject_id: number | null;
  audience: NoticeAudience;
  kind: NoticeKind;
  /** What needs attention, e.g. "training:12:fire-safety:2027-01-31": a renewed record is a new item. */
  item_key: string;
  /** How near or late it is: "90", "30", "expired", "overdue"... */
  threshold: string;
  title: string;
  /** A path in the app; emails put the public base URL in front. */
  link: string;
  created_at: string;
  read_at: string | null;
  email_status: NoticeEmailStatus;
  emailed_at: string | null;
  email_attempts: ColumnType<number, number | undefined, number>;
  email_error: string | null;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Pcn = Selectable<PcnTable>;

/** A person's account with a single sign-on provider, known by the provider's subject identifier (ADR 0014). */
export interface IdentityTable {
  id: Id;
  user_id: number;
  provider: string;
  subject: string;
  /** The email the provider gave when it was linked: shown to people, never used to match. */
  email: string | null;
  created_at: string;
  last_used_at: string | null;
}

/** A one-time link an administrator gives someone to link their NHS account to theirs. */
export interface IdentityLinkTokenTable {
  token_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A sign-in sent to a provider and not yet back: what its answer must match. Keyed by the state's SHA-256. */
export interface SignInRequestTable {
  state_hash: string;
  provider: string;
  nonce: string;
  code_verifier: string;
  purpose: "sign-in" | "link" | "link-token";
  /** Who is linking, for "link". */
  user_id: number | null;
  link_token_hash: string | null;
  redirect_to: string;
  expires_at: string;
}

/** A self-rating: never rewritten but for its confirmation status; a new rating is a new row. */
export interface CompetencyRatingTable {
  id: Id;
  person_id: number;
  competency_id: string;
  /** A level id from content/proficiency-scale.json. */
  level: string;
  note: string | null;
  framework_version: string;
  scale_version: string;
  rated_at: string;
  status: RatingState;
  decided_by: number | null;
  decided_at: string | null;
}

/** Append-only: each request, confirmation and return of a rating. */
export interface RatingReviewTable {
  id: Id;
  rating_id: number;
  action: RatingAction;
  comment: string | null;
  actor_id: number;
  at: string;
}

export interface DevelopmentGoalTable {
  id: Id;
  person_id: number;
  title: string;
  reason: string;
  /** Comma-separated GoalMethod keys. */
  methods: string;
  training_requirement_id: string | null;
  how_details: string | null;
  target_date: string;
  status: GoalStatus;
  /** Why it was dropped or carried forward. */
  status_reason: string | null;
  agreed_by: number | null;
  agreed_at: string | null;
  carried_from_id: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  /** The appraisal whose agreed objective this goal is (ADR 0019). */
  appraisal_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DevelopmentGoalCompetencyTable {
  goal_id: number;
  competency_id: string;
}

/** Append-only: each agreement, change of status and note of progress on a goal. */
export interface DevelopmentGoalUpdateTable {
  id: Id;
  goal_id: number;
  action: GoalAction;
  note: string | null;
  meeting_id: number | null;
  actor_id: number;
  at: string;
}

/** One person's induction checklist (ADR 0020): its setting, dates and counts, fixed when it is made. */
export interface InductionChecklistTable {
  id: Id;
  person_id: number;
  setting_id: string;
  setting_title: string;
  content_version: string;
  starts_on: string;
  due_on: string;
  show_until: string;
  items_total: number;
  /** How many items are ticked: kept up to date in each tick's transaction, for the dashboard. */
  items_done: number;
  created_by: number | null;
  created_at: string;
}

/** One item of a checklist, its words copied from content; ticked with the date it was done and who ticked it. */
export interface InductionItemTable {
  id: Id;
  checklist_id: number;
  position: number;
  item_key: string;
  title: string;
  description: string;
  done_on: string | null;
  done_by: number | null;
  ticked_at: string | null;
}

/** The annual appraisal (ADR 0019): where it stands; what it says is in appraisal_versions. */
export interface AppraisalTable {
  id: Id;
  person_id: number;
  appraiser_id: number;
  status: AppraisalStatus;
  current_version: number;
  appraiser_confirmed_at: string | null;
  person_confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Each wording of an appraisal, kept: a change before confirmation is a new version. */
export interface AppraisalVersionTable {
  id: Id;
  appraisal_id: number;
  version: number;
  held_on: string;
  period_start: string;
  period_end: string;
  summary: string;
  /** JSON list of { title, targetDate }. */
  objectives_json: string;
  created_by: number;
  created_at: string;
}
