import type { z } from "zod";
import { canResetSignIn, type Viewer } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { ARRANGEMENT_KIND_LABELS } from "~/domain/vocabulary";
import type { FieldErrors } from "~/forms/fields";
import type { personPageIntent } from "~/forms/person-page";
import type { Flash } from "~/lib/flash";
import type { Executor } from "~/models/audit.server";
import { disableSecondFactor, issuePasswordToken, SET_PASSWORD_LINK_HOURS } from "~/models/credentials.server";
import {
  addArrangement,
  checkActiveChange,
  endArrangement,
  setActive,
  type Actor,
  type Person,
} from "~/models/user.server";

/** What a change on the person page came to: done (and the words that say so), a question to ask first, or refused. */
export type PersonChange =
  { done: Flash | string } | { confirm: "deactivate" | "reset-two-factor" } | { refused: FieldErrors };

/**
 * Makes one change to a person's account or arrangements, as the person page posts it. A rule a model keeps (nobody
 * deactivates themself, an arrangement names a colleague) throws its RuleError for the page to show on the field.
 * `origin` is where the set-password link points.
 */
export async function changePerson(
  db: Executor,
  viewer: Viewer,
  person: Person,
  input: z.output<typeof personPageIntent>,
  actor: Actor,
  origin: string,
): Promise<PersonChange> {
  if ((input.intent === "password-link" || input.intent === "reset-two-factor") && !canResetSignIn(viewer, person))
    return { refused: { form: "To change your own password or two-step sign-in, go to My account" } };
  switch (input.intent) {
    case "deactivate":
    case "reactivate":
      checkActiveChange(person.id, actor);
      // Deactivating signs the person out at once, so it is asked twice.
      if (input.intent === "deactivate" && input.confirm !== "yes") return { confirm: "deactivate" };
      await setActive(db, person.id, input.intent === "reactivate", actor);
      return {
        done: input.intent === "reactivate" ? "Account reactivated" : "Account deactivated: they have been signed out",
      };
    case "password-link": {
      const token = await issuePasswordToken(db, person.id, actor);
      return {
        done: {
          message: "Set-password link created",
          detail: `Give this link to ${person.name}. It works once and expires in ${SET_PASSWORD_LINK_HOURS} hours:`,
          copy: { text: `${origin}/set-password/${token}`, testId: "set-password-link" },
        },
      };
    }
    case "reset-two-factor":
      if (!person.totpEnabled) return { refused: { form: `${person.name} does not use two-step sign-in` } };
      if (input.confirm !== "yes") return { confirm: "reset-two-factor" };
      await disableSecondFactor(db, person.id, actor, "reset");
      return {
        done: `Two-step sign-in reset for ${person.name}. They have been signed out. They can sign in with their password and set it up again. If they have forgotten their password too, create a set-password link`,
      };
    case "add-arrangement":
      await addArrangement(
        db,
        {
          staffId: person.id,
          personId: input.arrangementPersonId,
          kind: input.kind,
          startedOn: input.startedOn,
          pcnId: person.pcnId,
        },
        actor,
      );
      return { done: `${ARRANGEMENT_KIND_LABELS[input.kind]} recorded` };
    case "end-arrangement": {
      const ended = await endArrangement(
        db,
        {
          staffId: person.id,
          arrangementId: input.arrangementId,
          endedOn: todayInLondon(new Date()),
          pcnId: person.pcnId,
        },
        actor,
      );
      return ended ? { done: "Arrangement ended" } : { refused: { form: "That arrangement has already ended" } };
    }
  }
}
