import { Form } from "@remix-run/react";
import { Textarea } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import { PlainList } from "~/components/kit/Text";
import { formatInstantDate } from "~/domain/format";
import type { CompetencyStatus } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

export interface SignoffEntry {
  id: number;
  at: string;
  action: "sign-off" | "withdraw";
  actorName: string;
  frameworkVersion: string;
  comment: string;
}

/**
 * The reviewer signs the competency off with a comment, or withdraws a sign-off with a reason. `decisions` counts
 * the sign-off history: each decision adds to it, so keying the form on it remounts the form empty after a post,
 * rather than leaving the sign-off comment just typed in the box as the withdrawal reason.
 */
export function SignoffForm({
  status,
  acceptedCount,
  decisions,
  errors,
  values,
}: {
  status: CompetencyStatus;
  acceptedCount: number;
  decisions: number;
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  const signedOff = status === "signed-off";
  return (
    <>
      <h2>{signedOff ? "Withdraw sign-off" : "Sign off"}</h2>
      {!signedOff && acceptedCount === 0 ? (
        <p>You can sign this competency off once you have accepted at least one piece of evidence for it.</p>
      ) : (
        <Form method="post" noValidate key={decisions}>
          <input type="hidden" name="intent" value={signedOff ? "withdraw" : "sign-off"} />
          <Textarea
            name="comment"
            label={signedOff ? "Reason for withdrawing" : "Comment"}
            hint={signedOff ? undefined : "What the evidence shows about this competency"}
            error={errors?.comment}
            defaultValue={value(values, "comment")}
          />
          <Button variant={signedOff ? "warning" : "primary"}>
            {signedOff ? "Withdraw sign-off" : "Sign off competency"}
          </Button>
        </Form>
      )}
    </>
  );
}

/** Every sign-off and withdrawal of this competency, newest first. */
export function SignoffHistory({ history }: { history: SignoffEntry[] }) {
  if (!history.length) return null;
  return (
    <>
      <h2>Sign-off history</h2>
      <PlainList>
        {history.map((h) => (
          <li key={h.id}>
            {formatInstantDate(h.at)}: {h.action === "sign-off" ? "signed off" : "sign-off withdrawn"} by {h.actorName}{" "}
            (framework {h.frameworkVersion}): “{h.comment}”
          </li>
        ))}
      </PlainList>
    </>
  );
}
