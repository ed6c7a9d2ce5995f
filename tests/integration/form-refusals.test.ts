/**
 * Forms built from the shared fields refuse bad input with a message on the field and change nothing: the person
 * form, changing a password, adding an arrangement and signing off a competency.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as accountPage from "~/routes/account._index";
import * as competencyPage from "~/routes/people.$personId.competencies.$competencyId";
import * as peopleNew from "~/routes/people.new";
import * as personPage from "~/routes/people.$personId._index";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { auditCount } from "./access-table";
import { cookieFor, submit } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let admin: Awaited<ReturnType<typeof makePerson>>;

beforeAll(async () => {
  team = await makeTeam(getDb());
  admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
});

/** Posts the form and checks the answer: 400, the field's message, nothing audited (so nothing changed). */
async function expectRefused(post: () => ReturnType<typeof submit>, field: string, message: string) {
  const audits = await auditCount();
  const outcome = await post();
  expect(outcome.status).toBe(400);
  expect(outcome.data.errors[field]).toBe(message);
  expect(await auditCount()).toBe(audits);
}

describe("the person form", () => {
  const person = {
    name: "Ada Brown",
    email: "ada.brown@nhs.net",
    jobRole: "",
    fte: "",
    startDate: "",
    roles: ["coordinator"],
  };
  const FTE = "Full-time equivalent must be a number from 0.05 to 1, like 0.6";

  it.each([
    ["more than full time", { fte: "1.2" }, "fte", FTE],
    ["no time at all", { fte: "0" }, "fte", FTE],
    ["time in words", { fte: "half" }, "fte", FTE],
    ["a job role not in the list", { jobRole: "surgeon" }, "jobRole", "Select a job role from the list"],
    ["no role", { roles: [] }, "roles", "Select at least one role"],
    ["a role not in the list", { roles: ["owner"] }, "roles", "Select roles from the list"],
  ])("refuses %s", async (_, change, field, message) => {
    await expectRefused(
      async () =>
        submit(peopleNew.action, "/people/new", { ...person, ...change }, { cookie: await cookieFor(team.lead.id) }),
      field,
      message,
    );
  });

  it("refuses a PCN that is not in the list", async () => {
    await expectRefused(
      async () =>
        submit(peopleNew.action, "/people/new", { ...person, pcnId: "999999" }, { cookie: await cookieFor(admin.id) }),
      "pcnId",
      "Select a PCN from the list",
    );
  });
});

describe("changing your password", () => {
  it.each([
    [
      "no current password",
      { current: "", password: "violet kettle harbour 42", confirm: "violet kettle harbour 42" },
      "current",
      "Enter your current password",
    ],
    [
      "new passwords that differ",
      { current: "x", password: "violet kettle harbour 42", confirm: "violet kettle harbour 43" },
      "confirm",
      "The new passwords do not match",
    ],
  ])("refuses %s", async (_, fields, field, message) => {
    await expectRefused(
      async () => submit(accountPage.action, "/account", fields, { cookie: await cookieFor(team.coordinator.id) }),
      field,
      message,
    );
  });
});

describe("adding an arrangement", () => {
  it.each([
    ["no kind", { kind: "", arrangementPersonId: "__supervisor__" }, "kind", "Select what they will be"],
    [
      "a person id that is not a number",
      { kind: "supervisor", arrangementPersonId: "1 or 1=1" },
      "arrangementPersonId",
      "Select a person",
    ],
  ])("refuses %s", async (_, change, field, message) => {
    const fields = { intent: "add-arrangement", startedOn: "", ...change };
    if (fields.arrangementPersonId === "__supervisor__") fields.arrangementPersonId = String(team.supervisor.id);
    await expectRefused(
      async () =>
        submit(personPage.action, `/people/${team.colleague.id}`, fields, {
          cookie: await cookieFor(team.lead.id),
          params: { personId: String(team.colleague.id) },
        }),
      field,
      message,
    );
  });
});

describe("signing off a competency", () => {
  it("refuses a comment over 5,000 characters", async () => {
    await expectRefused(
      async () =>
        submit(
          competencyPage.action,
          `/people/${team.coordinator.id}/competencies/pc-1`,
          { intent: "sign-off", comment: "a".repeat(5001) },
          {
            cookie: await cookieFor(team.supervisor.id),
            params: { personId: String(team.coordinator.id), competencyId: "pc-1" },
          },
        ),
      "comment",
      "Comment must be 5,000 characters or fewer",
    );
  });
});
