/**
 * Local refresher periods (issue 14 item 4): a PCN lead overrides a requirement's renewal period for their PCN, with
 * a reason, audited, and can remove it. Expiry, readiness, the rollups (dashboard, CSV, readiness API, compliance
 * report) and the expiry lists notices are built from follow it for that PCN's staff only. Expected dates are
 * worked out here with date-fns from the completion dates, not by the app's rules.
 */
import type { TZDate } from "@date-fns/tz";
import { addMonths, subMonths } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { refreshStaleStandings } from "~/models/rollups.server";
import { trainingFactsByPerson } from "~/models/notice-facts.server";
import { requirementStandings } from "~/content/compliance-rules.server";
import { removeLocalPeriod, setLocalPeriod } from "~/models/local-periods.server";
import * as periods from "~/routes/dashboard_.periods";
import * as readinessApi from "~/routes/api.readiness";
import * as trainingPage from "~/routes/people.$personId.training._index";
import * as dashboard from "~/routes/dashboard";
import { expiringTrainingFor, readinessFor } from "~/services/compliance-readiness.server";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { runNotifications } from "~/services/notify.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makePerson } from "../../scripts/lib/factories";
import { auditCount, describeAccess, makeWorld, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const today = todayInLondon(new Date());
const day = (d: TZDate) => formatCalendarDate(d);
const monthsAgo = (n: number) => day(subMonths(parseCalendarDate(today), n));
const monthsAfter = (iso: string, n: number) => day(addMonths(parseCalendarDate(iso), n));

const FIRE = "fire-safety"; // 24 months in the content
const PCSP = "pcsp-e-learning"; // needed before referrals, never expires in the content
const FIRE_DONE = monthsAgo(14);
const PCSP_DONE = monthsAgo(30);

let world: World;
/** One member of staff in each PCN with the same records. */
let home: { id: number; name: string; pcnId: number | null; jobRole: string | null };
let other: { id: number; name: string; pcnId: number | null; jobRole: string | null };

beforeAll(async () => {
  world = await makeWorld();
  const db = getDb();
  home = await makePerson(db, { pcnId: world.home.pcn.id, name: "Hana Home" });
  other = await makePerson(db, { pcnId: world.other.pcn.id, name: "Otto Other" });
  for (const person of [home, other]) {
    await makeTraining(db, person, FIRE, { completedOn: FIRE_DONE });
    // Everything else needed before referrals, verified where it must be, so only PCSP decides readiness.
    await makeTraining(db, person, PCSP, { completedOn: PCSP_DONE });
    await makeTraining(db, person, "pci-care-coordinator-training", {
      completedOn: monthsAgo(2),
      verifiedBy: world.admin.id,
    });
    await makeTraining(db, person, "shared-decision-making-e-learning", { completedOn: monthsAgo(2) });
  }
});

const setFields = (requirementId: string, renewalMonths: string, reason = "ICS policy asks for yearly updates") => ({
  intent: "set",
  requirementId,
  renewalMonths,
  reason,
});

const standingOf = async (userId: number) =>
  getDb()
    .selectFrom("person_standings")
    .select(["readiness", "training_expired", "expiries_json", "stale_on"])
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();

const fireExpiry = async (userId: number) =>
  await getDb()
    .selectFrom("person_requirement_states")
    .select(["state", "expires_on"])
    .where("user_id", "=", userId)
    .where("requirement_id", "=", FIRE)
    .executeTakeFirstOrThrow();

describe("who may set local periods", () => {
  describeAccess([
    {
      name: "GET /dashboard/periods",
      allowed: ["lead", "otherLead"],
      run: (r) => load(periods.loader, "/dashboard/periods", { cookie: world.cookies[r] }),
    },
    {
      name: "POST /dashboard/periods",
      allowed: ["lead", "otherLead"],
      mutates: true,
      run: async (r) => {
        const outcome = await submit(periods.action, "/dashboard/periods", setFields("moving-handling", "12"), {
          cookie: world.cookies[r],
        });
        // Put each PCN back as it was, so the other roles' cases start from the content's period.
        const lead = r === "lead" ? world.home : r === "otherLead" ? world.other : null;
        if (lead) await removeLocalPeriod(getDb(), lead.pcn.id, "moving-handling", { id: lead.lead.id });
        return outcome;
      },
    },
  ]);

  it("a lead not placed in a PCN is told the page does not exist", async () => {
    const lead = await makePerson(getDb(), { pcnId: null, roles: ["lead"], jobRole: null });
    const outcome = await load(periods.loader, "/dashboard/periods", { cookie: await cookieFor(lead.id) });
    expect(outcome.status).toBe(404);
  });
});

describe("bad input changes nothing and says what is wrong", () => {
  it.each([
    [{ ...setFields(FIRE, "12"), requirementId: "no-such-training" }, "requirementId", "Select the training"],
    [setFields(FIRE, ""), "renewalMonths", "Enter how often the training must be renewed, in months"],
    [setFields(FIRE, "1.5"), "renewalMonths", "Renewal period must be a whole number of months, like 12"],
    [setFields(FIRE, "0"), "renewalMonths", "Renewal period must be 1 month or more"],
    [setFields(FIRE, "121"), "renewalMonths", "Renewal period must be 120 months (10 years) or fewer"],
    [setFields(FIRE, "12", "  "), "reason", "Enter why your PCN renews this training on its own period"],
    [setFields(FIRE, "12", "x".repeat(501)), "reason", "Reason must be 500 characters or fewer"],
  ])("%j", async (fields, field, message) => {
    const before = await auditCount();
    const outcome = await submit(periods.action, "/dashboard/periods", fields, { cookie: world.cookies.lead });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ [field]: message });
    expect(outcome.data.values.renewalMonths).toBe(fields.renewalMonths);
    expect(await auditCount()).toBe(before);
    expect(await getDb().selectFrom("local_periods").selectAll().execute()).toEqual([]);
  });

  it("removing a period the PCN does not have says so and writes nothing", async () => {
    const before = await auditCount();
    const outcome = await submit(
      periods.action,
      "/dashboard/periods",
      { intent: "remove", requirementId: FIRE },
      { cookie: world.cookies.lead },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ form: "Fire safety level 1 has no local period to remove" });
    expect(await auditCount()).toBe(before);
  });
});

describe("an override changes expiry, readiness and notices only for that PCN", () => {
  it("before any override, both PCNs follow the content's periods", async () => {
    await refreshStaleStandings(getDb(), (eb) => eb.lit(true), today);
    for (const person of [home, other]) {
      expect(await fireExpiry(person.id)).toEqual({ state: "valid", expires_on: monthsAfter(FIRE_DONE, 24) });
      expect((await standingOf(person.id)).readiness).toBe("ready");
    }
  });

  it("a lead sets fire safety to 12 months and PCSP to 24 months for their PCN, with reasons, audited", async () => {
    const fire = await submit(periods.action, "/dashboard/periods", setFields(FIRE, "12"), {
      cookie: world.cookies.lead,
    });
    expect(fire.status).toBe(302);
    expect(fire.location).toBe("/dashboard/periods");
    expect(fire.flash?.message).toBe("Local period saved: Fire safety level 1 now renews every 12 months in your PCN");
    const pcsp = await submit(periods.action, "/dashboard/periods", setFields(PCSP, "24", "Refresh every two years"), {
      cookie: world.cookies.lead,
    });
    expect(pcsp.status).toBe(302);

    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "pcn_id", "entity", "entity_id", "action", "before_json", "after_json"])
      .where("entity", "=", "local_period")
      .where("entity_id", "in", [`${world.home.pcn.id}:${FIRE}`, `${world.home.pcn.id}:${PCSP}`])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => ({ ...a, after: JSON.parse(a.after_json!) }))).toMatchObject([
      {
        actor_id: world.home.lead.id,
        pcn_id: world.home.pcn.id,
        entity_id: `${world.home.pcn.id}:${FIRE}`,
        action: "set",
        before_json: null,
        after: { requirementId: FIRE, renewalMonths: 12, reason: "ICS policy asks for yearly updates" },
      },
      { action: "set", after: { requirementId: PCSP, renewalMonths: 24, reason: "Refresh every two years" } },
    ]);

    const page = await load(periods.loader, "/dashboard/periods", { cookie: world.cookies.lead });
    const fireRow = page.data.periods.find((p: { id: string }) => p.id === FIRE);
    expect(fireRow).toMatchObject({
      contentMonths: 24,
      local: { months: 12, reason: "ICS policy asks for yearly updates", setByName: world.home.lead.name },
    });
    // The other PCN's lead sees the content's period.
    const otherPage = await load(periods.loader, "/dashboard/periods", { cookie: world.cookies.otherLead });
    expect(otherPage.data.periods.find((p: { id: string }) => p.id === FIRE).local).toBeNull();
  });

  it("expiry: the home PCN's rollups and pages use 12 months, the other PCN's keep 24", async () => {
    // Written in the transaction that set the period: no refresh here.
    expect(await fireExpiry(home.id)).toEqual({ state: "expired", expires_on: monthsAfter(FIRE_DONE, 12) });
    expect(await fireExpiry(other.id)).toEqual({ state: "valid", expires_on: monthsAfter(FIRE_DONE, 24) });

    const standingsPage = async (person: { id: number }, cookie: string) =>
      (
        await load(trainingPage.loader, `/people/${person.id}/training`, {
          cookie,
          params: { personId: String(person.id) },
        })
      ).data.standings.find((s: { id: string }) => s.id === FIRE);
    expect(await standingsPage(home, world.cookies.lead)).toMatchObject({
      state: "expired",
      expiresOn: monthsAfter(FIRE_DONE, 12),
    });
    expect(await standingsPage(other, world.cookies.otherLead)).toMatchObject({
      state: "valid",
      expiresOn: monthsAfter(FIRE_DONE, 24),
    });
  });

  it("readiness: PCSP completed 30 months ago has lapsed in the home PCN only", async () => {
    const blocker = "Personalised care and support planning (PCSP) e-learning: expired on";
    const [homeReadiness, otherReadiness] = await readinessFor(getDb(), [home, other], today);
    expect(homeReadiness!.state).toBe("not-ready");
    expect(homeReadiness!.blockers.join()).toContain(blocker);
    expect(otherReadiness!.state).toBe("ready");
    expect((await standingOf(home.id)).readiness).toBe("not-ready");
    expect((await standingOf(other.id)).readiness).toBe("ready");

    const api = async (person: { id: number }) =>
      (await load(readinessApi.loader, `/api/readiness?personId=${person.id}`, { cookie: world.cookies.admin })).data;
    expect(await api(home)).toMatchObject([{ personId: home.id, readiness: "not-ready", ready: false }]);
    expect(await api(other)).toMatchObject([{ personId: other.id, readiness: "ready", ready: true }]);
  });

  it("notices: the expiry lists and the stored expiries name fire safety as expired for the home PCN only", async () => {
    const expiring = await expiringTrainingFor(getDb(), [home, other], today);
    expect(expiring.map((e) => [e.personId, e.expiries.map((x) => [x.requirementId, x.state, x.on])])).toEqual([
      [
        home.id,
        [
          [PCSP, "expired", monthsAfter(PCSP_DONE, 24)],
          [FIRE, "expired", monthsAfter(FIRE_DONE, 12)],
        ],
      ],
    ]);
    // The notifications job's training finder reads these facts and standings (app/services/notices/training-expiry.ts).
    const facts = await trainingFactsByPerson(getDb(), [home.id, other.id]);
    const fireOf = (p: typeof home) =>
      requirementStandings(p.jobRole, facts.get(p.id)!, today).find((s) => s.requirement.id === FIRE);
    expect(fireOf(home)).toMatchObject({ state: "expired", expiresOn: monthsAfter(FIRE_DONE, 12) });
    expect(fireOf(other)).toMatchObject({ state: "valid", expiresOn: monthsAfter(FIRE_DONE, 24) });
    expect(JSON.parse((await standingOf(home.id)).expiries_json)).toContainEqual({
      title: "Fire safety level 1",
      state: "expired",
      on: monthsAfter(FIRE_DONE, 12),
    });
    expect(JSON.parse((await standingOf(other.id)).expiries_json)).toEqual([]);
  });

  it("notices: the notifications job tells the home PCN's member that fire safety has expired, and the other nothing", async () => {
    await runNotifications(getDb(), { mail: null });
    const fireNotices = (personId: number) =>
      getDb()
        .selectFrom("notices")
        .select(["item_key", "threshold"])
        .where("recipient_id", "=", personId)
        .where("kind", "=", "training-expiry")
        .where("item_key", "like", `training:${personId}:${FIRE}:%`)
        .execute();
    await expect(fireNotices(home.id)).resolves.toEqual([
      { item_key: `training:${home.id}:${FIRE}:${monthsAfter(FIRE_DONE, 12)}`, threshold: "expired" },
    ]);
    // Ten months left on the content's 24: not within any notice threshold yet.
    await expect(fireNotices(other.id)).resolves.toEqual([]);
  });

  it("the dashboard and the compliance report count the home PCN's staff as expired, not the other's", async () => {
    const homeDash = await load(dashboard.loader, "/dashboard", { cookie: world.cookies.lead });
    const otherDash = await load(dashboard.loader, "/dashboard", { cookie: world.cookies.otherLead });
    const fireCounts = (data: { compliance: { id: string; counts: Record<string, number> }[] }) =>
      data.compliance.find((c) => c.id === FIRE)!.counts;
    expect(fireCounts(homeDash.data).expired).toBe(1);
    expect(fireCounts(otherDash.data).expired).toBe(0);
    const report = await gatherComplianceReport(getDb(), world.home.pcn.id);
    expect(report!.staff.find((s) => s.name === home.name)!.readiness).toBe("not-ready");
  });

  it("removing the override brings back the content's period, audited, and stale_on follows", async () => {
    const outcome = await submit(
      periods.action,
      "/dashboard/periods",
      { intent: "remove", requirementId: FIRE },
      { cookie: world.cookies.lead },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.flash?.message).toBe("Local period removed: Fire safety level 1 now renews every 24 months");
    expect(await fireExpiry(home.id)).toEqual({ state: "valid", expires_on: monthsAfter(FIRE_DONE, 24) });
    const removal = await getDb()
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("entity", "=", "local_period")
      .where("entity_id", "=", `${world.home.pcn.id}:${FIRE}`)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(removal.action).toBe("remove");
    expect(JSON.parse(removal.before_json!)).toMatchObject({ renewalMonths: 12 });
    expect(removal.after_json).toBeNull();
    // The PCSP override still stands.
    expect((await standingOf(home.id)).readiness).toBe("not-ready");
  });

  it("stale_on follows the local period: the standing turns over on the day the locally shortened training expires", async () => {
    // 15 months after a completion 14 months ago: expiring soon today, expired in a month.
    await setLocalPeriod(
      getDb(),
      world.home.pcn.id,
      { requirementId: FIRE, renewalMonths: 15, reason: "Trial" },
      { id: world.home.lead.id },
    );
    const expiresOn = monthsAfter(FIRE_DONE, 15);
    expect(await fireExpiry(home.id)).toEqual({ state: "expiring-soon", expires_on: expiresOn });
    expect((await standingOf(home.id)).stale_on! <= expiresOn).toBe(true);
    await refreshStaleStandings(getDb(), (eb) => eb.lit(true), expiresOn);
    expect(await fireExpiry(home.id)).toEqual({ state: "expired", expires_on: expiresOn });
    expect(await fireExpiry(other.id)).toEqual({ state: "valid", expires_on: monthsAfter(FIRE_DONE, 24) });
    await refreshStaleStandings(getDb(), (eb) => eb.lit(true), today);
  });

  it("changing a period takes effect at once and audits what it was and became", async () => {
    await setLocalPeriod(
      getDb(),
      world.home.pcn.id,
      { requirementId: PCSP, renewalMonths: 36, reason: "Back to three years" },
      { id: world.home.lead.id },
    );
    expect((await standingOf(home.id)).readiness).toBe("ready");
    const changes = await getDb()
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("entity", "=", "local_period")
      .where("entity_id", "=", `${world.home.pcn.id}:${PCSP}`)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(changes.before_json!)).toMatchObject({ renewalMonths: 24 });
    expect(JSON.parse(changes.after_json!)).toMatchObject({ renewalMonths: 36 });
  });
});
