/** What every part of the load shares: the clock, the random source, the writer, the content and the next ids. */
import type { Content } from "~/content/index.server";
import type { AuditEntry } from "~/models/audit.server";
import { isoTime, type Clock } from "./clock";
import type { Random } from "./random";
import type { BulkWriter } from "./writer";

/** Addresses from the documentation ranges: the audit trail records one per change, as the app does. */
const ADDRESSES = ["192.0.2.10", "192.0.2.24", "198.51.100.7", "198.51.100.42", "203.0.113.5"] as const;

type IdKind = "arrangement" | "evidence" | "version" | "review" | "signoff" | "training" | "cpd" | "meeting";

export class LoadContext {
  /** The last id used in each table whose ids the load assigns itself. */
  private readonly ids: Record<IdKind, number> = {
    arrangement: 0,
    evidence: 0,
    version: 0,
    review: 0,
    signoff: 0,
    training: 0,
    cpd: 0,
    meeting: 0,
  };

  constructor(
    readonly clock: Clock,
    readonly random: Random,
    readonly writer: BulkWriter,
    readonly content: Content,
  ) {}

  nextId(kind: IdKind): number {
    this.ids[kind] += 1;
    return this.ids[kind];
  }

  /**
   * One audit row, shaped as the model that makes the change writes it (see writeAudit), with whose record it is
   * about (`subjectId`, as db/audit-subjects.ts works it out: null for a PCN) for the audit trail's `audit_people`.
   */
  audit(ms: number, subjectId: number | null, entry: AuditEntry): void {
    this.writer.audit({
      ms,
      subject_id: subjectId,
      at: isoTime(ms),
      actor_id: entry.actorId,
      pcn_id: entry.pcnId,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.actorId === null ? null : this.random.pick(ADDRESSES),
    });
  }
}
