/** The self-assessment and development plan forms: their fields and the words for each error. */
import { z } from "zod";
import { getContent } from "~/content/index.server";
import { GOAL_METHODS, type GoalMethod } from "~/domain/vocabulary";
import { todayInLondon } from "~/domain/training-status";
import { allCompetencyIds } from "./evidence.server";
import {
  dateField,
  oneOf,
  optionalIdFromList,
  optionalOneOf,
  optionalText,
  requiredText,
  singleLine,
  someOf,
} from "./fields";

const levelIds = () => getContent().proficiencyScale.levels.map((l) => l.id);
const requirementIds = () => getContent().trainingRequirements.requirements.map((r) => r.id);

export function ratingSchema() {
  return z.object({
    competencyId: oneOf(allCompetencyIds(), "Select the competency you are rating"),
    level: oneOf(levelIds(), "Select the level that describes you best"),
    note: optionalText("Note", 5_000),
  });
}

export const ratingDecisionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("request") }),
    z.object({ intent: z.literal("confirm") }),
    z.object({
      intent: z.literal("return"),
      comment: requiredText("Enter a comment saying why you are returning this rating", "Comment", 5_000),
    }),
  ],
  { error: "Choose what to do" },
);

/** A target date on or after today: a goal is planned, not recorded after the event. */
const targetDate = () => dateField("target date", { notBefore: todayInLondon(new Date()) });

export function goalSchema() {
  return z
    .object({
      title: singleLine("Enter what you want to achieve", "What you want to achieve", 200),
      reason: requiredText("Enter why this matters", "Why this matters", 5_000),
      competencyIds: someOf(allCompetencyIds(), "Select competencies from the list", "Select at least one competency"),
      methods: someOf(
        Object.keys(GOAL_METHODS) as GoalMethod[],
        "Select how you will meet this goal from the list",
        "Select how you will meet this goal",
      ),
      trainingRequirementId: optionalOneOf(requirementIds(), "Select training from the list"),
      howDetails: optionalText("More about how", 5_000),
      targetDate: targetDate(),
    })
    .superRefine((goal, ctx) => {
      if (goal.methods.includes("training") && !goal.trainingRequirementId)
        ctx.addIssue({ code: "custom", path: ["trainingRequirementId"], message: "Select the training you will do" });
    });
}

export const GOAL_ARRAYS = ["competencyIds", "methods"] as const;

/** Adding a development pathway's missing pieces to the plan: the one date all the new goals are due by. */
export const pathwayGoalsSchema = () => z.object({ targetDate: targetDate() });

export function goalStepSchema(meetingIds: readonly number[]) {
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: oneOf(["agree", "start", "achieve"], "Choose what to do") }),
      z.object({
        intent: z.literal("drop"),
        dropReason: requiredText("Enter why you are dropping this goal", "Reason", 5_000),
      }),
      z.object({
        intent: z.literal("carry-forward"),
        reason: requiredText("Enter why this goal is being carried forward", "Reason", 5_000),
        targetDate: targetDate(),
      }),
      z.object({
        intent: z.literal("record-progress"),
        note: requiredText("Enter the progress made", "Progress", 5_000),
        meetingId: optionalIdFromList(meetingIds, "Select a meeting from the list"),
      }),
    ],
    { error: "Choose what to do" },
  );
}
