/**
 * One member of staff's evidence, each item taken through the review workflow the way the app would
 * (app/domain/evidence-workflow.ts decides every step), then the sign-offs that accepted evidence allows.
 */
import { transition, type EvidenceAction, type EvidenceState } from "~/domain/evidence-workflow";
import type { AuditEntry } from "~/models/audit.server";
import type { EvidenceInput } from "~/models/evidence.server";
import { appraisalYear } from "~/domain/appraisal-year";
import { DAY_MS, isoTime } from "./clock";
import type { LoadContext } from "./context";
import { BENCH_SHARE_THIS_YEAR, type RosterStaff } from "./roster";
import {
  ACCEPT_COMMENTS,
  AMENDED_NOTE,
  EVIDENCE_TEXTS,
  RETURN_COMMENTS,
  SIGNOFF_COMMENTS,
  WITHDRAW_COMMENT,
} from "./text";

/** The journeys items take, as steps after "create", and how often each is begun. */
const JOURNEYS: Record<string, { weight: number; steps: EvidenceAction[] }> = {
  draft: { weight: 10, steps: [] },
  waiting: { weight: 10, steps: ["submit"] },
  withdrawn: { weight: 1, steps: ["submit", "withdraw"] },
  returned: { weight: 4, steps: ["submit", "return"] },
  accepted: { weight: 51, steps: ["submit", "accept"] },
  returnedAmended: { weight: 2, steps: ["submit", "return", "amend"] },
  returnedResubmitted: { weight: 3, steps: ["submit", "return", "amend", "submit"] },
  returnedThenAccepted: { weight: 11, steps: ["submit", "return", "amend", "submit", "accept"] },
  acceptedAmended: { weight: 5, steps: ["submit", "accept", "amend"] },
  acceptedTwice: { weight: 3, steps: ["submit", "accept", "amend", "submit", "accept"] },
};
const JOURNEY_WEIGHTS = Object.fromEntries(Object.entries(JOURNEYS).map(([k, v]) => [k, v.weight]));

/** Days before each step happens (the step after it is taken at random within the range). */
const STEP_DELAY_DAYS: Record<EvidenceAction, [number, number]> = {
  submit: [0, 5],
  withdraw: [0, 2],
  return: [1, 14],
  accept: [1, 14],
  amend: [1, 60],
  edit: [0, 3],
};
const REVIEWER_STEPS = new Set<EvidenceAction>(["return", "accept"]);

/** Competencies linked to each version: one to three, two most often (about two per version, as at scale 1). */
const LINK_WEIGHTS = { one: 30, two: 40, three: 30 };
const LINKS_PER_VERSION = { one: 1, two: 2, three: 3 };

const SIGN_OFF_SHARE = 0.45;
const WITHDRAW_SHARE = 0.04;

export function writeEvidence(load: LoadContext, staff: RosterStaff): void {
  const { clock, random } = load;
  const frameworkVersion = load.content.framework.version;
  const competencies = load.content.framework.areas.flatMap((a) => a.competencies.map((c) => c.id));
  const ownerLimit = Math.min(clock.nowMs, (staff.to + 1) * DAY_MS - 1);
  const reviewerLimit =
    staff.supervisorEndDay === null ? ownerLimit : Math.min(ownerLimit, staff.supervisorEndDay * DAY_MS);
  const thisYearFrom = Math.max(staff.from, clock.dayOf(appraisalYear(clock.date(clock.today)).start));
  /** When each competency first had accepted evidence: sign-off is allowed from then. */
  const firstAccepted = new Map<string, number>();

  for (let n = 0; n < staff.quota.evidence; n += 1) {
    const day =
      staff.busyThisYear && random.chance(BENCH_SHARE_THIS_YEAR)
        ? random.int(thisYearFrom, staff.to)
        : random.int(staff.from, staff.to);
    const sample = random.pick(EVIDENCE_TEXTS);
    const input: EvidenceInput = {
      title: sample.title,
      activityDate: clock.date(day),
      type: sample.type,
      whatHappened: sample.whatHappened,
      whatLearned: sample.whatLearned,
      whatNext: sample.whatNext,
      competencyIds: random.sample(competencies, LINKS_PER_VERSION[random.weighted(LINK_WEIGHTS)]),
      attachmentIds: [],
      patientDataFindings: null,
    };

    const id = load.nextId("evidence");
    const createdMs = clock.notAfterNow(clock.during(day, random) + random.int(0, 3) * DAY_MS);
    let state: EvidenceState = "draft";
    let version = 1;
    // The item row comes first (the versions and reviews refer to it) but shows where the journey ended, so the
    // journey is worked out before anything is written.
    const versions = [{ version, input: { ...input }, ms: createdMs }];
    const writes: (() => void)[] = [];
    const audit = (
      ms: number,
      entry: Omit<Extract<AuditEntry, { entity: "evidence" }>, "pcnId" | "entity" | "entityId">,
    ) =>
      writes.push(() => load.audit(ms, staff.id, { ...entry, pcnId: staff.pcnId, entity: "evidence", entityId: id }));
    audit(createdMs, { actorId: staff.id, action: "create", after: { version: 1, ...input } });
    const reviewed = new Set<number>();
    let lastMs = createdMs;

    for (const action of JOURNEYS[random.weighted(JOURNEY_WEIGHTS)]!.steps) {
      const [least, most] = STEP_DELAY_DAYS[action];
      const at = lastMs + random.int(least * DAY_MS, most * DAY_MS + 8 * 3_600_000);
      const byReviewer = REVIEWER_STEPS.has(action);
      // A step that would come after today, after the owner left or after their supervisor stopped, never happened.
      if (at > (byReviewer ? reviewerLimit : ownerLimit)) break;
      const comment =
        action === "return"
          ? random.pick(RETURN_COMMENTS)
          : action === "accept" && random.chance(0.5)
            ? random.pick(ACCEPT_COMMENTS)
            : null;
      const move = transition(state, action, byReviewer ? "reviewer" : "owner", { comment: comment ?? undefined });
      if (!move.ok) throw new Error(`The scale seed tried an impossible step: ${move.reason}`);
      const actorId = byReviewer ? staff.supervisorId : staff.id;
      if (action === "amend" || action === "edit") {
        // Changing a version a reviewer has seen makes a new version (saveEvidence).
        const before = { status: state, version };
        if (move.newVersion || reviewed.has(version)) {
          version += 1;
          input.whatLearned += AMENDED_NOTE;
          versions.push({ version, input: { ...input }, ms: at });
        }
        audit(at, { actorId, action, before, after: { status: move.next, version, ...input } });
      } else {
        reviewed.add(version);
        const review = { evidence_id: id, version, action, comment, actor_id: actorId, at: isoTime(at) };
        writes.push(() => load.writer.insert("evidence_reviews", { id: load.nextId("review"), ...review }));
        audit(at, { actorId, action, before: { status: state }, after: { status: move.next, version, comment } });
        if (action === "accept") {
          for (const c of input.competencyIds) firstAccepted.set(c, Math.min(firstAccepted.get(c) ?? at, at));
        }
      }
      state = move.next;
      lastMs = at;
    }
    load.writer.insert("evidence_items", {
      id,
      owner_id: staff.id,
      status: state,
      current_version: version,
      framework_version: frameworkVersion,
      created_at: isoTime(createdMs),
      updated_at: isoTime(lastMs),
    });
    for (const v of versions) writeVersion(load, id, v.version, v.input, staff.id, v.ms);
    for (const write of writes) write();
  }
  writeSignoffs(load, staff, firstAccepted, reviewerLimit);
}

function writeVersion(
  load: LoadContext,
  evidenceId: number,
  version: number,
  input: EvidenceInput,
  authorId: number,
  ms: number,
): void {
  const id = load.nextId("version");
  load.writer.insert("evidence_versions", {
    id,
    evidence_id: evidenceId,
    version,
    title: input.title,
    activity_date: input.activityDate,
    type: input.type,
    what_happened: input.whatHappened,
    what_learned: input.whatLearned,
    what_next: input.whatNext,
    patient_data_confirmed_at: null,
    patient_data_findings: null,
    created_by: authorId,
    created_at: isoTime(ms),
  });
  for (const c of input.competencyIds)
    load.writer.insert("evidence_version_competencies", { version_id: id, competency_id: c });
}

/** The supervisor signs off some competencies once evidence for them is accepted, and withdraws a few. */
function writeSignoffs(load: LoadContext, staff: RosterStaff, firstAccepted: Map<string, number>, limitMs: number) {
  const { random } = load;
  const frameworkVersion = load.content.framework.version;
  for (const [competencyId, acceptedMs] of firstAccepted) {
    if (!random.chance(SIGN_OFF_SHARE)) continue;
    const signedMs = acceptedMs + random.int(1, 60) * DAY_MS;
    if (signedMs > limitMs) continue;
    const comment = random.pick(SIGNOFF_COMMENTS);
    const entry = (action: "sign-off" | "withdraw", ms: number, text: string, before: object | null) => {
      const id = load.nextId("signoff");
      load.writer.insert("competency_signoffs", {
        id,
        user_id: staff.id,
        competency_id: competencyId,
        framework_version: frameworkVersion,
        action,
        comment: text,
        actor_id: staff.supervisorId,
        at: isoTime(ms),
      });
      load.audit(ms, staff.id, {
        actorId: staff.supervisorId,
        pcnId: staff.pcnId,
        entity: "competency",
        entityId: `${staff.id}:${competencyId}`,
        action,
        before,
        after: { id, comment: text, frameworkVersion },
      });
    };
    entry("sign-off", signedMs, comment, null);
    const withdrawnMs = signedMs + random.int(10, 200) * DAY_MS;
    if (random.chance(WITHDRAW_SHARE) && withdrawnMs <= limitMs) {
      const current = {
        status: "signed-off",
        at: isoTime(signedMs),
        comment,
        actorName: staff.supervisorName,
        frameworkVersion,
      };
      entry("withdraw", withdrawnMs, WITHDRAW_COMMENT, current);
    }
  }
}
