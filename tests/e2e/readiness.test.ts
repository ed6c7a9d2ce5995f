/**
 * Referral readiness end to end: the lead sees the new starter is not ready, he records the missing training with
 * its certificate and is only "ready pending verification", the lead verifies it saying what she checked, and both
 * see him ready. Works whether or not the demo seed has given him any training: he records whatever the dashboard
 * says is blocking him. Then the lead verifies a coach's course from the dashboard in bulk.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { todayInLondon } from "~/domain/training-status";
import { readCsv } from "../support/csv";
import { expectNoAxeViolations, fillDate, newPage, signInOnce, startAppAndBrowser } from "./browser";

const PASSWORD = "care-portfolio-demo";
const LEAD = "lead@riverside-pcn.example";
const JACK = "jack.thompson@riverside-pcn.example";
const ZOE = "zoe.clarke@riverside-pcn.example";
const LIAM = "Liam O'Connor";
const COACHING_PROGRAMME = "PCI-accredited health coaching skills programme (at least four days)";
const CERTIFICATE = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const ctx = startAppAndBrowser();

const jackRow = (page: Page) => page.getByTestId("dashboard-table").locator('tr[data-person="Jack Thompson"]');

describe("referral readiness", () => {
  it("a lead sees a coordinator not ready; he records the missing training; the lead verifies it; he is ready", async () => {
    const lead = await newPage(ctx.browser);
    await signInOnce(lead, ctx.app.baseUrl, LEAD, PASSWORD);
    await lead.getByRole("link", { name: "Dashboard" }).first().click();
    await lead.waitForURL(/\/dashboard/);
    await expectNoAxeViolations(lead);

    await lead.getByLabel("Name").fill("Jack");
    await lead.getByRole("button", { name: "Apply filters" }).click();
    await lead.waitForURL(/q=Jack/);
    await expect(jackRow(lead).getByText("Not ready").isVisible()).resolves.toBe(true);
    const blockers = (await jackRow(lead).locator("li").allTextContents()).map((b) => b.slice(0, b.lastIndexOf(":")));
    expect(blockers.length).toBeGreaterThan(0);
    const jackHref = await jackRow(lead).getByRole("link", { name: "Jack Thompson", exact: true }).getAttribute("href");
    const jackId = jackHref!.split("/").pop();

    const jack = await newPage(ctx.browser);
    await signInOnce(jack, ctx.app.baseUrl, JACK, PASSWORD);
    await jack.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
    await expect(jack.getByTestId("readiness-panel").getByText("Not ready").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(jack);
    for (const title of blockers) {
      await jack.getByLabel("Training", { exact: true }).selectOption({ label: title });
      await jack.getByLabel("Completed", { exact: true }).check();
      await fillDate(jack, "Date you completed the training", todayInLondon(new Date()));
      await jack
        .getByLabel("Certificate (optional)")
        .setInputFiles({ name: "certificate.pdf", mimeType: "application/pdf", buffer: CERTIFICATE });
      await jack.getByRole("button", { name: "Save training record" }).click();
      await jack.getByText("Training record saved").waitFor();
      await jack.getByRole("link", { name: "Back to my training" }).click();
      await jack.waitForURL(/\/training$/);
    }
    // Self-declared: the accredited course needs a supervisor or lead to verify it before referrals.
    await jack.getByTestId("readiness-panel").getByText("Ready pending verification", { exact: true }).waitFor();
    await lead.goto(`${ctx.app.baseUrl}/dashboard?q=Jack`);
    await expect(jackRow(lead).getByText("Ready pending verification", { exact: true }).isVisible()).resolves.toBe(
      true,
    );

    // The lead checks each new record, saying what she checked; leaving that out is refused first.
    await lead.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
    for (const [n, title] of blockers.entries()) {
      if (n > 0) await lead.getByRole("link", { name: "Back to Jack Thompson's training" }).click();
      await lead.getByRole("table", { name: "Required training" }).getByRole("link", { name: title }).click();
      if (n === 0) {
        await lead.getByRole("button", { name: "Verify this record" }).click();
        await lead.getByRole("link", { name: "Select what you checked" }).waitFor();
        await expect(lead.locator("#method-error").textContent()).resolves.toContain("Select what you checked");
      }
      await lead.getByLabel("I have seen the certificate").check();
      await lead.getByRole("button", { name: "Verify this record" }).click();
      await lead.getByText("Training record verified").waitFor();
      await expect(lead.getByText(/^By Priya Shah on .*: seen the certificate$/).isVisible()).resolves.toBe(true);
    }
    await expectNoAxeViolations(lead);
    await jack.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
    await expect(jack.getByTestId("readiness-panel").getByText("Ready", { exact: true }).isVisible()).resolves.toBe(
      true,
    );

    await lead.goto(`${ctx.app.baseUrl}/dashboard?q=Jack`);
    await expect(jackRow(lead).getByText("Ready", { exact: true }).isVisible()).resolves.toBe(true);
    const api = await lead.request.get(`${ctx.app.baseUrl}/api/readiness?personId=${jackId}`);
    expect(await api.json()).toEqual([
      expect.objectContaining({ name: "Jack Thompson", readiness: "ready", ready: true, blockers: [] }),
    ]);
  });

  it("a lead verifies a coach's course for several people at once from the dashboard, and his readiness turns to ready", async () => {
    const lead = await newPage(ctx.browser);
    await signInOnce(lead, ctx.app.baseUrl, LEAD, PASSWORD);
    await lead.goto(`${ctx.app.baseUrl}/`);
    const team = lead.getByTestId("team-readiness-panel");
    await expect(team.getByText(/ready pending verification/).isVisible()).resolves.toBe(true);
    await expect(team.getByRole("link", { name: LIAM }).isVisible()).resolves.toBe(true);

    await lead.goto(`${ctx.app.baseUrl}/dashboard`);
    await lead.getByLabel("Readiness", { exact: true }).selectOption({ label: "Ready pending verification" });
    await lead.getByRole("button", { name: "Apply filters" }).click();
    await lead.waitForURL(/readiness=pending-verification/);
    const liamRow = lead.getByTestId("dashboard-table").locator(`tr[data-person="${LIAM}"]`);
    await expect(liamRow.getByText("Ready pending verification", { exact: true }).isVisible()).resolves.toBe(true);

    await lead.getByRole("link", { name: "Verify training for several people at once" }).click();
    await lead.getByRole("heading", { name: "Verify training", level: 1 }).waitFor();
    // What is waiting comes first, with how many records wait.
    await lead.getByLabel("Training").selectOption({ label: `${COACHING_PROGRAMME} (1 waiting)` });
    await lead.getByRole("button", { name: "Show records to verify" }).click();
    await lead.getByRole("heading", { name: COACHING_PROGRAMME }).waitFor();

    // Ticking nobody is refused, with the error linked to the list.
    await lead.getByLabel("I checked their ESR record").check();
    await lead.getByRole("button", { name: "Verify selected records" }).click();
    await lead.getByRole("link", { name: "Select at least one person to verify" }).waitFor();
    await expectNoAxeViolations(lead);

    await lead.getByLabel(new RegExp(`^${LIAM}: completed`)).check();
    await lead.getByLabel("I checked their ESR record").check();
    await lead.getByRole("button", { name: "Verify selected records" }).click();
    await lead.getByText("1 record verified").waitFor();

    await lead.goto(`${ctx.app.baseUrl}/dashboard?q=Liam`);
    await expect(liamRow.getByText("Ready", { exact: true }).isVisible()).resolves.toBe(true);
  });

  it("expired or expiring training shows on the member of staff's own home and the lead's; recommended training reads Recommended", async () => {
    const zoe = await newPage(ctx.browser);
    await signInOnce(zoe, ctx.app.baseUrl, ZOE, PASSWORD);
    await zoe.goto(`${ctx.app.baseUrl}/`);
    const own = zoe.getByTestId("own-training-expiry");
    await expect(
      own.getByText(/^Data security awareness \(information governance\) level 1: expired on /).isVisible(),
    ).resolves.toBe(true);
    await expectNoAxeViolations(zoe);

    await zoe.getByRole("link", { name: "Your training records" }).click();
    await zoe.getByRole("heading", { name: "My training", level: 1 }).waitFor();
    const recommended = zoe.getByRole("table", { name: "Recommended training" });
    await expect(recommended.getByText("Recommended", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(recommended.getByText("Missing", { exact: true }).count()).resolves.toBe(0);
    // Her own role's training first, the rest under "Other training".
    const groups = await zoe
      .getByLabel("Training", { exact: true })
      .locator("optgroup")
      .evaluateAll((els) => els.map((e) => e.getAttribute("label")));
    expect(groups).toEqual(["Training for a care coordinator", "Other training"]);

    const lead = await newPage(ctx.browser);
    await signInOnce(lead, ctx.app.baseUrl, LEAD, PASSWORD);
    await lead.goto(`${ctx.app.baseUrl}/`);
    await expect(
      lead.getByTestId("team-training-expiry").getByRole("link", { name: "Zoë Clarke" }).isVisible(),
    ).resolves.toBe(true);
  });

  it("the CPD log and supervision record pages, with their forms, have no axe violations", async () => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, JACK, PASSWORD);
    await page.getByRole("link", { name: "Supervision", exact: true }).first().click();
    await page.waitForURL(/\/supervision$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectNoAxeViolations(page);
    // The CPD log is scanned once, showing a refused entry: its error summary and field errors must be accessible too.
    await page.getByRole("link", { name: "CPD", exact: true }).first().click();
    await page.getByLabel("Hours", { exact: true }).fill("1000");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    await page.getByText("Hours must be 100 or fewer").first().waitFor();
    await expectNoAxeViolations(page);
  });
});

describe("the dashboard for an integrated care system", () => {
  it("an administrator chooses an ICS, sees its PCNs' staff, and downloads the same rows as a spreadsheet", async () => {
    const admin = await newPage(ctx.browser);
    await signInOnce(admin, ctx.app.baseUrl, "admin@care-portfolio.example", PASSWORD);
    await admin.goto(`${ctx.app.baseUrl}/dashboard`);
    await admin.getByLabel("Integrated care system (ICS)").selectOption({ label: "Example Integrated Care System" });
    await admin.getByLabel("Job role").selectOption({ label: "Care coordinator" });
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.waitForURL(/ics=Example/);
    await admin.getByText("Example Integrated Care System", { exact: true }).first().waitFor();
    const table = admin.getByTestId("dashboard-table");
    const shown = await table.locator("tr[data-person]").evaluateAll((rows) => rows.map((r) => r.dataset.person));
    expect(shown.length).toBeGreaterThan(0);
    await expectNoAxeViolations(admin);

    const csvHref = await admin
      .getByRole("link", { name: /Download this table as a spreadsheet/ })
      .getAttribute("href");
    expect(csvHref).toContain("ics=Example");
    const csv = await (await admin.request.get(`${ctx.app.baseUrl}${csvHref}`)).text();
    expect(
      readCsv(csv.replace(/^\uFEFF/, ""))
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(shown);
  });
});
