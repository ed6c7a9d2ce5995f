import { Form } from "@remix-run/react";
import { Select, Textarea, TextInput } from "~/components/Fields";
import { Button, PostButton } from "~/components/kit/Button";
import { VisuallyHidden } from "~/components/kit/Text";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

export interface RequirementPeriod {
  id: string;
  title: string;
  /** The content's period, for every PCN without its own. */
  contentMonths: number | null;
  local: { months: number; reason: string; setByName: string | null; setAt: string } | null;
}

/** "every 12 months", "every month", or "does not expire". */
export function renewalWords(months: number | null): string {
  if (!months) return "does not expire";
  return months === 1 ? "every month" : `every ${months} months`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every piece of training with the period that applies in this PCN, and a way to remove a local one. */
export function LocalPeriodsTable({ periods }: { periods: RequirementPeriod[] }) {
  return (
    <Table caption="How often each piece of training must be renewed in your PCN" testId="local-periods">
      <thead>
        <tr>
          <th scope="col">Training</th>
          <th scope="col">Standard period</th>
          <th scope="col">Your PCN’s period</th>
          <th scope="col">
            <VisuallyHidden>Action</VisuallyHidden>
          </th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.title}</th>
            <td>{capitalised(renewalWords(p.contentMonths))}</td>
            <td>
              {p.local ? (
                <>
                  {capitalised(renewalWords(p.local.months))}: {p.local.reason}
                  <br />
                  <small>
                    Set by {p.local.setByName ?? "a person no longer in Care Portfolio"} on {formatDate(p.local.setAt)}
                  </small>
                </>
              ) : (
                "Standard period"
              )}
            </td>
            <td>
              {p.local ? (
                <PostButton fields={{ intent: "remove", requirementId: p.id }} variant="secondary" small>
                  Remove<VisuallyHidden> the local period for {p.title}</VisuallyHidden>
                </PostButton>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Setting (or changing) the PCN's own period for one piece of training, with the reason. */
export function LocalPeriodForm({
  periods,
  errors,
  values,
}: {
  periods: RequirementPeriod[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="set" />
      <Select
        name="requirementId"
        label="Training"
        options={[
          { value: "", label: "Select the training" },
          ...periods.map((p) => ({
            value: p.id,
            label: `${p.title} (now ${renewalWords(p.local?.months ?? p.contentMonths)})`,
          })),
        ]}
        defaultValue={value(values, "requirementId")}
        error={errors?.requirementId}
      />
      <TextInput
        name="renewalMonths"
        label="Renew every (months)"
        hint="A whole number of months from 1 to 120, for example 12"
        width={3}
        inputMode="numeric"
        defaultValue={value(values, "renewalMonths")}
        error={errors?.renewalMonths}
      />
      <Textarea
        name="reason"
        label="Why your PCN uses this period"
        hint="For example, the ICS safeguarding policy asks for yearly updates. Everyone who can see the audit trail can read this."
        rows={3}
        defaultValue={value(values, "reason")}
        error={errors?.reason}
      />
      <Button>Save local period</Button>
    </Form>
  );
}
