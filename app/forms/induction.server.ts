import { z } from "zod";
import { todayInLondon } from "~/domain/training-status";
import { oneOf, optionalDateField, recordId } from "./fields";

// Blank means today, as the hint says; anything typed must be a real date that has happened.
const doneOn = optionalDateField("date they were done", { past: true }).transform(
  (s) => s ?? todayInLondon(new Date()),
);

/**
 * What the induction page can post: make the checklist for a setting, tick items done, or untick one. Item ids are
 * only checked to be ids here: one that is not on this person's checklist is not found (404), not a field error.
 */
export function inductionIntent(settingIds: readonly string[]) {
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("make"), setting: oneOf(settingIds, "Select the setting they work in") }),
      z.object({
        intent: z.literal("tick"),
        items: z
          .array(recordId("Select the items that are done"))
          .min(1, "Select at least one item that is done")
          .max(100, "Select at most 100 items at once"),
        doneOn,
      }),
      z.object({ intent: z.literal("untick"), itemId: recordId("Choose an item to untick") }),
    ],
    { error: "Choose what to do" },
  );
}
