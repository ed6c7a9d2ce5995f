/**
 * The optional staff number on a person (their ESR employee number), which training imports match rows by: saved
 * and shown, unique in the deployment, checked for shape, and cleared by leaving it blank.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as personEdit from "~/routes/people.$personId.edit";
import * as peopleNew from "~/routes/people.new";
import { getDb } from "~/lib/db.server";
import { getPerson } from "~/models/user.server";
import { makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";
import { count } from "./independent-count";

let team: Awaited<ReturnType<typeof makeTeam>>;
let lead: string;

beforeAll(async () => {
  team = await makeTeam(getDb());
  lead = await cookieFor(team.lead.id);
});

const details = (name: string, email: string, staffNumber: string) => ({
  name,
  email,
  staffNumber,
  jobRole: "care-coordinator",
  fte: "",
  roles: ["coordinator"],
});

const add = (name: string, email: string, staffNumber: string) =>
  submit(peopleNew.action, "/people/new", details(name, email, staffNumber), { cookie: lead });

describe("staff numbers", () => {
  it("are saved with a new person, shown on the change form, unique, and cleared when left blank", async () => {
    const added = await add("Priya Shah", "priya.shah@test.example", " 20481999 ");
    expect(added.status).toBe(302);
    const id = Number(added.location!.split("/").pop());
    expect((await getPerson(getDb(), id))!.staffNumber).toBe("20481999");
    const form = await load(personEdit.loader, `/people/${id}/edit`, {
      cookie: lead,
      params: { personId: String(id) },
    });
    expect(form.data.values.staffNumber).toBe("20481999");

    const before = count("SELECT count(*) FROM users");
    const clash = await add("Sam Jones", "sam.jones@test.example", "20481999");
    expect(clash.status).toBe(400);
    expect(clash.data.errors.staffNumber).toBe("Someone already has this staff number");
    expect(count("SELECT count(*) FROM users")).toBe(before);

    const cleared = await submit(
      personEdit.action,
      `/people/${id}/edit`,
      details("Priya Shah", "priya.shah@test.example", ""),
      {
        cookie: lead,
        params: { personId: String(id) },
      },
    );
    expect(cleared.status).toBe(302);
    expect(count("SELECT count(*) FROM users WHERE id = ? AND staff_number IS NULL", id)).toBe(1);
  });

  it("refuses a staff number with spaces or symbols, with a field error", async () => {
    const refused = await add("Ola Ade", "ola.ade@test.example", "2048 1234!");
    expect(refused.status).toBe(400);
    expect(refused.data.errors.staffNumber).toBe(
      "Staff number must be letters, numbers and dashes only, like 12345678",
    );
  });
});
