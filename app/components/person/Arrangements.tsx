import { Form } from "@remix-run/react";
import { DateInput, Select } from "~/components/Fields";
import { Button, PostButton } from "~/components/kit/Button";
import { Details, VisuallyHidden } from "~/components/kit/Text";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { ARRANGEMENT_KIND_LABELS, type ArrangementKind } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

interface Arrangement {
  id: number;
  kind: ArrangementKind;
  personName: string;
  startedOn: string;
  endedOn: string | null;
}

/** Who supervises, is first point of contact for and line manages this person, now and before. */
export function Arrangements({ arrangements, canManage }: { arrangements: Arrangement[]; canManage: boolean }) {
  const current = arrangements.filter((a) => a.endedOn === null);
  const past = arrangements.filter((a) => a.endedOn !== null);
  return (
    <>
      {current.length ? (
        <Table caption="Current arrangements" captionHidden>
          <thead>
            <tr>
              <th scope="col">Arrangement</th>
              <th scope="col">Person</th>
              <th scope="col">Since</th>
              {canManage ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {current.map((a) => (
              <tr key={a.id}>
                <td>{ARRANGEMENT_KIND_LABELS[a.kind]}</td>
                <td>{a.personName}</td>
                <td>{formatDate(a.startedOn)}</td>
                {canManage ? (
                  <td>
                    <PostButton
                      fields={{ intent: "end-arrangement", arrangementId: a.id }}
                      variant="secondary"
                      small
                      className="nhsuk-u-margin-bottom-0"
                    >
                      End
                      <VisuallyHidden>
                        {" "}
                        {ARRANGEMENT_KIND_LABELS[a.kind].toLowerCase()} {a.personName}
                      </VisuallyHidden>
                    </PostButton>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>No designated supervisor, first point of contact or line manager is recorded.</p>
      )}
      {past.length ? (
        <Details summary={`Earlier arrangements (${past.length})`}>
          <ul>
            {past.map((a) => (
              <li key={a.id}>
                {ARRANGEMENT_KIND_LABELS[a.kind]}: {a.personName}, {formatDate(a.startedOn)} to {formatDate(a.endedOn)}
              </li>
            ))}
          </ul>
        </Details>
      ) : null}
    </>
  );
}

interface Colleague {
  id: number;
  name: string;
  isSupervisor: boolean;
}

/** Names a colleague in the same PCN as supervisor, first point of contact or line manager. */
export function AddArrangementForm({
  colleagues,
  errors,
  values,
}: {
  colleagues: Colleague[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <>
      <h3>Add an arrangement</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="add-arrangement" />
        <Select
          name="kind"
          label="Arrangement"
          options={Object.entries(ARRANGEMENT_KIND_LABELS).map(([v, l]) => ({ value: v, label: l }))}
          error={errors?.kind}
          defaultValue={value(values, "kind")}
        />
        <Select
          name="arrangementPersonId"
          label="Person"
          options={[
            { value: "", label: "Select a person" },
            ...colleagues.map((c) => ({
              value: String(c.id),
              label: c.isSupervisor ? `${c.name} (supervisor)` : c.name,
            })),
          ]}
          error={errors?.arrangementPersonId}
          defaultValue={value(values, "arrangementPersonId")}
        />
        <DateInput
          name="startedOn"
          legend="From"
          hint="Leave blank for today. For example, 15 3 2026"
          error={errors?.startedOn}
          values={values}
        />
        <Button variant="secondary">Add arrangement</Button>
      </Form>
    </>
  );
}
