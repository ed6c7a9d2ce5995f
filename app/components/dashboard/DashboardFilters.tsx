import { Form } from "@remix-run/react";
import { Select, TextInput } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import { READINESS_LABELS, SUPERVISION_STATE_LABELS } from "~/domain/vocabulary";

type Option = { value: string; label: string };

interface Query {
  search?: string;
  jobRole?: string;
  readiness?: string;
  verified?: string;
  supervision?: string;
  training?: string;
  induction?: string;
  sort: string;
  direction: string;
}

interface Scope {
  pcnId: number | null;
  pcnOptions: Option[] | null;
  icsName: string | null;
  icsOptions: Option[] | null;
}

interface Filter {
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  defaultValue?: string;
}

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The filters other than the name search: each a select whose first choice means "no filter". */
function filterSelects(query: Query, jobRoles: Option[], scope: Scope) {
  const filters: Filter[] = [
    {
      name: "jobRole",
      label: "Job role",
      options: [{ value: "", label: "All job roles" }, ...jobRoles],
      defaultValue: query.jobRole,
    },
    {
      name: "readiness",
      label: "Readiness",
      options: [{ value: "", label: "Everyone" }, ...choices(READINESS_LABELS)],
      defaultValue: query.readiness,
    },
    {
      name: "verified",
      label: "Verified",
      options: [
        { value: "", label: "Any" },
        ...choices({ unverified: "Has training not yet verified", verified: "All recorded training verified" }),
      ],
      defaultValue: query.verified,
    },
    {
      name: "supervision",
      label: "Supervision",
      options: [{ value: "", label: "Any" }, ...choices(SUPERVISION_STATE_LABELS)],
      defaultValue: query.supervision,
    },
    {
      name: "training",
      label: "Training",
      options: [
        { value: "", label: "Any" },
        ...choices({
          expired: "Has expired training",
          "expiring-soon": "Has training expiring soon",
          missing: "Has missing training",
        }),
      ],
      defaultValue: query.training,
    },
    {
      name: "induction",
      label: "Induction",
      options: [
        { value: "", label: "Any" },
        ...choices({
          incomplete: "Induction not complete",
          complete: "Induction complete",
          none: "No induction checklist",
        }),
      ],
      defaultValue: query.induction,
    },
  ];
  // The PCN choices are the chosen ICS's PCNs only (with no ICS chosen, those in none), so a national
  // deployment's page does not carry 1,250 of them.
  const pcnChoices = scope.pcnOptions?.length ? scope.pcnOptions : null;
  if (scope.icsOptions?.length)
    filters.push({
      name: "ics",
      label: "Integrated care system (ICS)",
      hint: scope.icsName === null ? "To choose a PCN, choose its ICS and apply the filters" : undefined,
      options: [{ value: "", label: "All ICSs" }, ...scope.icsOptions],
      defaultValue: scope.icsName ?? undefined,
    });
  if (pcnChoices)
    filters.push({
      name: "pcn",
      label: "PCN",
      hint: scope.icsName === null ? "PCNs that are not in an ICS" : `PCNs in ${scope.icsName}`,
      options: [{ value: "", label: scope.icsName === null ? "All PCNs" : "All PCNs in the ICS" }, ...pcnChoices],
      defaultValue: scope.pcnId ? String(scope.pcnId) : undefined,
    });
  return filters.map((f) => ({ ...f, defaultValue: f.defaultValue ?? "" }));
}

/** Search and filters for the dashboard: a GET form that keeps the current sort. */
export function DashboardFilters({ query, jobRoles, scope }: { query: Query; jobRoles: Option[]; scope: Scope }) {
  return (
    <Form method="get">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <TextInput name="q" label="Name" type="search" defaultValue={query.search ?? ""} />
        </div>
        {filterSelects(query, jobRoles, scope).map((f) => (
          <div className="nhsuk-grid-column-one-third" key={f.name}>
            <Select {...f} />
          </div>
        ))}
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.direction} />
      <Button variant="secondary">Apply filters</Button>
    </Form>
  );
}
