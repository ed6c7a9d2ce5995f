import { z } from "zod";
import { todayInLondon } from "~/domain/training-status";
import { oneOf, optionalDateField, recordId } from "./fields";

const today = () => todayInLondon(new Date());
// Blank means today, as the hint says; anything typed must be a real date.
const date = optionalDateField("date the arrangement starts").transform((s) => s ?? today());

/** What the person page can post: account changes, and starting or ending an arrangement. */
export const personPageIntent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("deactivate"), confirm: z.literal("yes").optional() }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("password-link") }),
    z.object({ intent: z.literal("reset-two-factor"), confirm: z.literal("yes").optional() }),
    z.object({
      intent: z.literal("add-arrangement"),
      kind: oneOf(["supervisor", "first-contact", "line-manager"], "Select what they will be"),
      arrangementPersonId: recordId("Select a person"),
      startedOn: date,
    }),
    z.object({
      intent: z.literal("end-arrangement"),
      arrangementId: recordId("Choose an arrangement to end"),
    }),
  ],
  { error: "Choose what to do" },
);
