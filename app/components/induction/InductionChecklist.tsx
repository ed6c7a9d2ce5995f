import { Form } from "@remix-run/react";
import { ChoiceGroup, DateInput } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import { VisuallyHidden } from "~/components/kit/Text";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { valueList, type FieldErrors, type FormValues } from "~/forms/fields";

export interface ChecklistItem {
  id: number;
  title: string;
  description: string;
  doneOn: string | null;
  doneByName: string | null;
}

/** A page of the checklist's items: what each asks and when it was done and by whom, with "Untick" for those who may. */
export function InductionItemsTable({ items, canTick }: { items: ChecklistItem[]; canTick: boolean }) {
  return (
    <Table caption="Induction items" captionHidden testId="induction-items">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Done</th>
          {canTick ? (
            <th scope="col">
              <VisuallyHidden>Change</VisuallyHidden>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-item={item.title}>
            <td>
              <strong>{item.title}</strong>
              <span className="app-cell-note">{item.description}</span>
            </td>
            <td>
              {item.doneOn ? `${formatDate(item.doneOn)}, ticked by ${item.doneByName ?? "a former user"}` : "Not yet"}
            </td>
            {canTick ? (
              <td>
                {item.doneOn ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="untick" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <Button variant="secondary" small className="nhsuk-u-margin-bottom-0">
                      Untick<VisuallyHidden> {item.title}</VisuallyHidden>
                    </Button>
                  </Form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Tick the items on this page that are done, with the date they were done (blank for today). */
export function TickItemsForm({
  items,
  errors,
  values,
}: {
  items: ChecklistItem[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  const open = items.filter((item) => !item.doneOn);
  if (open.length === 0) return null;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="tick" />
      <ChoiceGroup
        name="items"
        legend="Which items are done?"
        hint="Select all that apply."
        error={errors?.items}
        options={open.map((item) => ({ value: String(item.id), label: item.title }))}
        selected={valueList(values, "items")}
        multiple
      />
      <DateInput
        name="doneOn"
        legend="When were they done? (optional)"
        hint="Leave blank for today. For example, 15 3 2026"
        error={errors?.doneOn}
        values={values}
      />
      <Button>Save items done</Button>
    </Form>
  );
}

/** For a lead or administrator: make the checklist for the setting the person works in. */
export function MakeChecklistForm({
  settings,
  current,
  errors,
}: {
  settings: { value: string; label: string }[];
  current: string | null;
  errors: FieldErrors | undefined;
}) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="make" />
      <ChoiceGroup
        name="setting"
        legend={current ? "Change the setting they work in" : "Which setting do they work in?"}
        hint={
          current
            ? "Their checklist is made again for the new setting. Nothing is ticked yet, so nothing is lost."
            : undefined
        }
        error={errors?.setting}
        options={settings}
        selected={current ? [current] : []}
      />
      <Button variant={current ? "secondary" : "primary"}>
        {current ? "Make the checklist for this setting" : "Make induction checklist"}
      </Button>
    </Form>
  );
}
