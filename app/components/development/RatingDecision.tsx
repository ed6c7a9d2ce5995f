import { Form } from "@remix-run/react";
import { Button, PostButton } from "~/components/kit/Button";
import { Heading, PlainList } from "~/components/kit/Text";
import { Textarea } from "~/components/Fields";
import { formatDateTime } from "~/domain/format";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";
import type { RatingAction } from "~/domain/vocabulary";
import { RATING_ACTION_VERBS } from "~/domain/vocabulary";

/** What the person or their supervisor can do to a rating now: ask for confirmation, or confirm or return it. */
export function RatingDecision({
  actions,
  errors,
  values,
}: {
  actions: RatingAction[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <>
      {actions.includes("request") ? (
        <PostButton fields={{ intent: "request" }}>Ask supervisor to confirm</PostButton>
      ) : null}
      {actions.includes("confirm") ? (
        <>
          <Heading level={2}>Confirm this rating</Heading>
          <p>Confirm it if you agree the person works at this level.</p>
          <PostButton fields={{ intent: "confirm" }}>Confirm rating</PostButton>
        </>
      ) : null}
      {actions.includes("return") ? (
        <>
          <Heading level={2}>Or return it</Heading>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="return" />
            <Textarea
              name="comment"
              label="Why are you returning this rating?"
              hint="For example, what they could show to support it. Do not write anything that could identify a patient."
              error={errors?.comment}
              defaultValue={value(values, "comment")}
            />
            <Button variant="secondary">Return rating</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** Each request, confirmation and return of a rating, oldest first. */
export function RatingReviews({
  reviews,
}: {
  reviews: { id: number; action: RatingAction; comment: string | null; at: string; actorName: string }[];
}) {
  if (!reviews.length) return null;
  return (
    <>
      <Heading level={2}>History</Heading>
      <PlainList>
        {reviews.map((r) => (
          <li key={r.id}>
            {formatDateTime(r.at)}: {r.actorName} {RATING_ACTION_VERBS[r.action]} this rating
            {r.comment ? <span className="app-prewrap">: “{r.comment}”</span> : null}
          </li>
        ))}
      </PlainList>
    </>
  );
}
