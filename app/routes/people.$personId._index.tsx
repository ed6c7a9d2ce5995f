import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Confirmation } from "~/components/Confirmation";
import { ReadinessPanel } from "~/components/ReadinessPanel";
import { todayInLondon } from "~/domain/training-status";
import { readinessFor } from "~/services/compliance-readiness.server";
import { SupervisionStatusTag, supervisionSummary } from "~/components/SupervisionStatusTag";
import { supervisionFactsOf } from "~/models/supervision.server";
import { supervisionStatusOf } from "~/content/compliance-rules.server";
import { DateInput, ErrorSummary, Select } from "~/components/Fields";
import {
  canExportPersonalData,
  canManagePerson,
  canPurgeRecords,
  canResetSignIn,
  keepsPortfolio,
  maySupervise,
} from "~/domain/permissions";
import { disableSecondFactor, issuePasswordToken, SET_PASSWORD_LINK_HOURS } from "~/models/credentials.server";
import { ConfirmCallout } from "~/components/ConfirmCallout";
import {
  addArrangement,
  checkActiveChange,
  endArrangement,
  listArrangements,
  listPeople,
  setActive,
} from "~/models/user.server";
import { jobRoleTitle } from "~/content/index.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, optionalDateField, parseForm, value } from "~/forms/fields";
import { APP_ROLE_LABELS } from "~/forms/person.server";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate } from "~/domain/format";
import { SummaryList } from "~/components/SummaryList";
import { pageTitle } from "~/lib/page-title";
import { Table } from "~/components/Table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.person.name ?? "Person") }];

const KIND_LABELS = {
  supervisor: "Designated supervisor",
  "first-contact": "First point of contact",
  "line-manager": "Line manager",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const db = getDb();
  const canManage = canManagePerson(user.viewer, person);
  const colleagues =
    canManage && person.pcnId !== null
      ? (await listPeople(db, { pcns: { kind: "one", pcnId: person.pcnId }, page: 1, pageSize: 500 })).people.filter(
          (p) => p.id !== person.id,
        )
      : [];
  const [readiness] = person.jobRole
    ? await readinessFor(db, [{ id: person.id, name: person.name, jobRole: person.jobRole }], todayInLondon(new Date()))
    : [];
  const supervisionFacts = person.jobRole ? (await supervisionFactsOf(db, [person.id])).get(person.id) : undefined;
  return {
    readiness: readiness ?? null,
    supervision: supervisionFacts ? supervisionStatusOf(supervisionFacts, todayInLondon(new Date())) : null,
    own: person.id === user.viewer.id,
    person: {
      ...person,
      jobRoleTitle: jobRoleTitle(person.jobRole),
      roleLabels: person.roles.map((r) => APP_ROLE_LABELS[r]),
    },
    arrangements: await listArrangements(db, person.id),
    canManage,
    canResetSignIn: canResetSignIn(user.viewer, person),
    canExportData: canExportPersonalData(user.viewer, person),
    canPurge: canPurgeRecords(user.viewer) && !person.active,
    colleagues: colleagues.map((c) => ({ id: c.id, name: c.name, isSupervisor: maySupervise(c) })),
  };
}

const today = () => todayInLondon(new Date());
// Blank means today, as the hint says; anything typed must be a real date.
const date = optionalDateField("date the arrangement starts").transform((s) => s ?? today());

const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("deactivate"), confirm: z.literal("yes").optional() }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("password-link") }),
    z.object({ intent: z.literal("reset-two-factor"), confirm: z.literal("yes").optional() }),
    z.object({
      intent: z.literal("add-arrangement"),
      kind: z.enum(["supervisor", "first-contact", "line-manager"], { error: "Select what they will be" }),
      arrangementPersonId: z.coerce.number({ error: "Select a person" }).int().positive("Select a person"),
      startedOn: date,
    }),
    z.object({
      intent: z.literal("end-arrangement"),
      arrangementId: z.coerce
        .number({ error: "Choose an arrangement to end" })
        .int()
        .positive("Choose an arrangement to end"),
    }),
  ],
  { error: "Choose what to do" },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId), "manage");
  const parsed = parseForm(Intent, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const db = getDb();
  const actor = actorOf(user, context);
  const input = parsed.data;
  if (
    (input.intent === "password-link" || input.intent === "reset-two-factor") &&
    !canResetSignIn(user.viewer, person)
  ) {
    return invalid({ form: "To change your own password or two-step sign-in, go to My account" });
  }
  switch (input.intent) {
    case "deactivate":
    case "reactivate":
      try {
        checkActiveChange(person.id, actor);
        // Deactivating signs the person out at once, so it is asked twice.
        if (input.intent === "deactivate" && input.confirm !== "yes") return { confirmDeactivate: true as const };
        await setActive(db, person.id, input.intent === "reactivate", actor);
      } catch (error) {
        return refusedByRule(error);
      }
      return {
        done: input.intent === "reactivate" ? "Account reactivated" : "Account deactivated: they have been signed out",
      };
    case "password-link": {
      const token = await issuePasswordToken(db, person.id, actor);
      return {
        done: "Set-password link created",
        link: `${new URL(request.url).origin}/set-password/${token}`,
        hours: SET_PASSWORD_LINK_HOURS,
      };
    }
    case "reset-two-factor":
      if (!person.totpEnabled) return invalid({ form: `${person.name} does not use two-step sign-in` });
      if (input.confirm !== "yes") return { confirmResetTwoFactor: true as const };
      await disableSecondFactor(db, person.id, actor, "reset");
      return {
        done: `Two-step sign-in reset for ${person.name}. They have been signed out. They can sign in with their password and set it up again. If they have forgotten their password too, create a set-password link`,
      };
    case "add-arrangement": {
      try {
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
      } catch (error) {
        return refusedByRule(error);
      }
      return { done: `${KIND_LABELS[input.kind]} recorded` };
    }
    case "end-arrangement": {
      const ended = await endArrangement(
        db,
        { staffId: person.id, arrangementId: input.arrangementId, endedOn: today(), pcnId: person.pcnId },
        actor,
      );
      if (!ended) return invalid({ form: "That arrangement has already ended" });
      return { done: "Arrangement ended" };
    }
  }
}

/** Subject access and, for a leaver, deleting their records (ADR 0010). */
function PersonalDataLinks({
  personId,
  canExport,
  canPurge,
}: {
  personId: number;
  canExport: boolean;
  canPurge: boolean;
}) {
  if (!canExport && !canPurge) return null;
  return (
    <ul className="nhsuk-list">
      {canExport ? (
        <li>
          <a href={`/people/${personId}/personal-data.tar`} download>
            Download all personal data held (TAR archive)
          </a>
        </li>
      ) : null}
      {canPurge ? (
        <li>
          <Link to={`/people/${personId}/purge`}>Delete their records</Link>
        </li>
      ) : null}
    </ul>
  );
}

export default function PersonPage() {
  const {
    person,
    arrangements,
    canManage,
    canResetSignIn,
    canExportData,
    canPurge,
    colleagues,
    readiness,
    own,
    supervision,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  const current = arrangements.filter((a) => a.endedOn === null);
  const past = arrangements.filter((a) => a.endedOn !== null);
  return (
    <>
      <ErrorSummary errors={errors} />
      {actionData && "done" in actionData ? (
        <Confirmation message={actionData.done}>
          {"link" in actionData && actionData.link ? (
            <>
              <p>
                Give this link to {person.name}. It works once and expires in{" "}
                {"hours" in actionData ? actionData.hours : ""} hours:
              </p>
              <p className="app-mono" data-testid="set-password-link">
                {actionData.link}
              </p>
            </>
          ) : null}
        </Confirmation>
      ) : null}
      {actionData && "confirmDeactivate" in actionData ? (
        <ConfirmCallout
          title={`Deactivate ${person.name}?`}
          intent="deactivate"
          confirmLabel={`Yes, deactivate ${person.name}`}
          cancelTo={`/people/${person.id}`}
        >
          <p>
            They will be signed out and will not be able to sign in. Their records are kept, and you can reactivate them
            later.
          </p>
        </ConfirmCallout>
      ) : null}
      {actionData && "confirmResetTwoFactor" in actionData ? (
        <ConfirmCallout
          title={`Reset two-step sign-in for ${person.name}?`}
          intent="reset-two-factor"
          confirmLabel="Yes, reset two-step sign-in"
          cancelTo={`/people/${person.id}`}
        >
          <p>
            Only do this if you know it is {person.name} asking, for example because they have lost their phone and
            their recovery codes. They will be signed out, and can then sign in with their password alone until they set
            it up again.
          </p>
        </ConfirmCallout>
      ) : null}
      <span className="nhsuk-caption-l">{person.pcnName ?? "No PCN"}</span>
      <h1>{person.name}</h1>
      {!person.active ? <strong className="nhsuk-tag nhsuk-tag--grey">Deactivated</strong> : null}
      {readiness ? <ReadinessPanel readiness={readiness} own={own} /> : null}
      <SummaryList
        rows={[
          ["Email", person.email],
          ["Job role", person.jobRoleTitle ?? "None"],
          ["Full-time equivalent", person.fte === null ? "Not recorded" : String(person.fte)],
          ["Start date", person.startDate ? formatDate(person.startDate) : "Not recorded"],
          ["Roles in Care Portfolio", person.roleLabels.join(", ") || "None"],
          ["Password", person.hasPassword ? "Set" : "Not set yet"],
          ["Two-step sign-in", person.totpEnabled ? "On" : "Off"],
        ]}
      />
      {canManage ? (
        <p>
          <Link to={`/people/${person.id}/edit`}>Change details and roles</Link>
        </p>
      ) : null}
      <PersonalDataLinks personId={person.id} canExport={canExportData} canPurge={canPurge} />

      {keepsPortfolio(person) ? (
        <nav aria-labelledby="portfolio-links">
          <h2 id="portfolio-links">Portfolio</h2>
          <ul className="nhsuk-list">
            {[
              ["portfolio", "Competencies"],
              ["evidence", "Evidence"],
              ["training", "Training"],
              ["cpd", "CPD log"],
              ["supervision", "Supervision record"],
              ["export", "Export PDF portfolio"],
            ].map(([path, label]) => (
              <li key={path}>
                <Link to={`/people/${person.id}/${path}`}>{label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <h2>Supervision and line management</h2>
      {supervision ? (
        <p data-testid="person-supervision">
          <SupervisionStatusTag status={supervision} /> {supervisionSummary(supervision)}
        </p>
      ) : null}
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
                <td>{KIND_LABELS[a.kind]}</td>
                <td>{a.personName}</td>
                <td>{formatDate(a.startedOn)}</td>
                {canManage ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="end-arrangement" />
                      <input type="hidden" name="arrangementId" value={a.id} />
                      <button
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                        type="submit"
                      >
                        End
                        <span className="nhsuk-u-visually-hidden">
                          {" "}
                          {KIND_LABELS[a.kind].toLowerCase()} {a.personName}
                        </span>
                      </button>
                    </Form>
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
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Earlier arrangements ({past.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            <ul>
              {past.map((a) => (
                <li key={a.id}>
                  {KIND_LABELS[a.kind]}: {a.personName}, {formatDate(a.startedOn)} to {formatDate(a.endedOn)}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}

      {canManage ? (
        <>
          <h3>Add an arrangement</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-arrangement" />
            <Select
              name="kind"
              label="Arrangement"
              options={Object.entries(KIND_LABELS).map(([v, l]) => ({ value: v, label: l }))}
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
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Add arrangement
            </button>
          </Form>

          <h2>Account</h2>
          {canResetSignIn ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="password-link" />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Create a set-password link
                </button>
              </Form>
              {person.totpEnabled ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="reset-two-factor" />
                  <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                    Reset two-step sign-in
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value={person.active ? "deactivate" : "reactivate"} />
            <button
              className={`nhsuk-button ${person.active ? "nhsuk-button--warning" : "nhsuk-button--secondary"}`}
              type="submit"
            >
              {person.active ? "Deactivate account" : "Reactivate account"}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
