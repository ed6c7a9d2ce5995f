/**
 * The annual appraisal (ADR 0019). The appraiser writes the record and may change it (each change a new version)
 * until they confirm it; from then on nobody can change it. The person appraised then confirms it too. Lead and
 * administrator may read it but take no step.
 */
import type { AppraisalRole } from "./permissions";
import { APPRAISAL_STATUS_PHRASES, type AppraisalAction, type AppraisalStatus } from "./vocabulary";
import { workflow } from "./workflow";

export type { AppraisalAction, AppraisalRole, AppraisalStatus };

export const appraisalWorkflow = workflow<AppraisalStatus, AppraisalAction, AppraisalRole>({
  steps: {
    edit: { by: ["appraiser"], from: ["draft"], done: "changed" },
    "appraiser-confirm": {
      by: ["appraiser"],
      from: ["draft"],
      to: "awaiting-person",
      done: "confirmed by the appraiser",
    },
    "person-confirm": { by: ["owner"], from: ["awaiting-person"], to: "confirmed", done: "confirmed by the person" },
  },
  wrongRole: (action, role) => {
    if (action === "person-confirm") return "Only the person appraised can confirm the appraisal for themself.";
    return role === "owner"
      ? "Your appraiser writes and confirms the appraisal record; you confirm it once they have."
      : "Only the appraiser can change or confirm the appraisal record.";
  },
  wrongState: (state, done) => `This appraisal is ${APPRAISAL_STATUS_PHRASES[state]}, so it cannot be ${done}.`,
});

/** Whether the record can still be changed: only before anyone has confirmed it. */
export const isLocked = (status: AppraisalStatus) => status !== "draft";
