import { Form } from "@remix-run/react";
import { Textarea } from "~/components/Fields";
import { Button, ButtonGroup, ButtonLink, PostButton } from "~/components/kit/Button";
import type { EvidenceAction } from "~/domain/evidence-workflow";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

/** What the owner may do next: edit or amend, submit, withdraw. */
export function OwnerActions({ id, status, can }: { id: number; status: string; can: (a: EvidenceAction) => boolean }) {
  return (
    <ButtonGroup>
      {can("edit") || (can("amend") && status === "returned") ? (
        <ButtonLink variant="secondary" to={`/evidence/${id}/edit`}>
          {status === "returned" ? "Amend" : "Edit"}
        </ButtonLink>
      ) : null}
      {can("amend") && status === "accepted" ? (
        <ButtonLink variant="secondary" to={`/evidence/${id}/edit`}>
          Amend (creates a new version)
        </ButtonLink>
      ) : null}
      {can("submit") ? <PostButton fields={{ intent: "submit" }}>Submit for review</PostButton> : null}
      {can("withdraw") ? (
        <PostButton fields={{ intent: "withdraw" }} variant="secondary">
          Withdraw from review
        </PostButton>
      ) : null}
    </ButtonGroup>
  );
}

/** The reviewer's comment and decision: accept, or return with comments. */
export function ReviewForm({ errors, values }: { errors: FieldErrors | undefined; values: FormValues | undefined }) {
  return (
    <>
      <h2>Review</h2>
      <Form method="post" noValidate>
        <Textarea
          name="comment"
          label="Comment"
          hint="Needed when you return evidence: say what should change"
          error={errors?.comment}
          defaultValue={value(values, "comment")}
        />
        <ButtonGroup>
          <Button name="intent" value="accept">
            Accept
          </Button>
          <Button variant="secondary" name="intent" value="return">
            Return with comments
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
