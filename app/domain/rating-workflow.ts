/**
 * Self-assessment: the member of staff rates themself on a competency and may ask their designated supervisor to
 * confirm the rating; the supervisor confirms it or returns it with a comment. A new rating is a new record, so
 * the history stays; a confirmed rating is never changed.
 */
import type { DevelopmentRole } from "./permissions";
import { RATING_STATUS_LABELS, type RatingAction, type RatingState } from "./vocabulary";
import { workflow } from "./workflow";

export type { RatingAction, RatingState };

export const ratingWorkflow = workflow<RatingState, RatingAction, DevelopmentRole>({
  steps: {
    request: {
      by: ["owner"],
      from: ["self-rated", "returned"],
      to: "awaiting-confirmation",
      done: "sent for confirmation",
    },
    confirm: { by: ["supervisor"], from: ["awaiting-confirmation"], to: "confirmed", done: "confirmed" },
    return: {
      by: ["supervisor"],
      from: ["awaiting-confirmation"],
      to: "returned",
      done: "returned",
      needsText: "Enter a comment saying why you are returning this rating",
    },
  },
  wrongRole: (action, role) => {
    if (action === "request") return "Only the person who made this rating can ask for it to be confirmed.";
    if (role === "owner") return "You cannot confirm or return your own rating.";
    return `Only the person's designated supervisor can ${action} a rating.`;
  },
  wrongState: (state, done) => `This rating is ${RATING_STATUS_LABELS[state].toLowerCase()}, so it cannot be ${done}.`,
});
