/**
 * Referral readiness end to end: the lead sees the new starter is not ready, he records the missing training with
 * its certificate, the lead verifies it, and both see him ready. Works whether or not the demo seed has given him
 * any training: he records whatever the dashboard says is blocking him.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { todayInLondon } from "~/domain/training-status";
import { expectNoAxeViolations, newPage, signIn, useAppAndBrowser } from "./browser";

const PASSWORD = "care-portfolio-demo";
const LEAD = "lead@riverside-pcn.example";
const JACK = "jack.thompson@riverside-pcn.example";
const CERTIFICATE = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const ctx = useAppAndBrowser();

const jackRow = (page: Page) => page.getByTestId("dashboard-table").locator('tr[data-person="Jack Thompson"]');

describe("referral readiness", () => {
  it("a lead sees a coordinator not ready; he records the missing training; the lead verifies it; he is ready", async () => {
    const lead = await newPage(ctx.browser);
    await signIn(lead, ctx.app.baseUrl, LEAD, PASSWORD);
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
    await signIn(jack, ctx.app.baseUrl, JACK, PASSWORD);
    await jack.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
    await expect(jack.getByTestId("readiness-panel").getByText("Not ready").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(jack);
    for (const title of blockers) {
      await jack.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
      await jack.getByLabel("Training", { exact: true }).selectOption({ label: title });
      await jack.getByLabel("Completed", { exact: true }).check();
      await jack.getByLabel("Date you completed the training").fill(todayInLondon(new Date()));
      await jack.getByLabel("Certificate (optional)").setInputFiles({ name: "certificate.pdf", mimeType: "application/pdf", buffer: CERTIFICATE });
      await jack.getByRole("button", { name: "Save training record" }).click();
      await jack.getByText("Training record saved").waitFor();
    }
    await jack.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
    await expect(jack.getByTestId("readiness-panel").getByText("Ready", { exact: true }).isVisible()).resolves.toBe(true);

    // The lead checks each new record against its certificate.
    for (const title of blockers) {
      await lead.goto(`${ctx.app.baseUrl}/people/${jackId}/training`);
      await lead.getByRole("table", { name: "Required training" }).getByRole("link", { name: title }).click();
      await lead.getByRole("button", { name: "Mark as verified against the certificate" }).click();
      await lead.getByText("Training record verified").waitFor();
      await expect(lead.getByText(/^By Priya Shah on /).isVisible()).resolves.toBe(true);
    }
    await expectNoAxeViolations(lead);

    await lead.goto(`${ctx.app.baseUrl}/dashboard?q=Jack`);
    await expect(jackRow(lead).getByText("Ready", { exact: true }).isVisible()).resolves.toBe(true);
    const api = await lead.request.get(`${ctx.app.baseUrl}/api/readiness?personId=${jackId}`);
    expect(await api.json()).toEqual([expect.objectContaining({ name: "Jack Thompson", ready: true, blockers: [] })]);
  });

  it("the CPD log and supervision record pages, with their forms, have no axe violations", async () => {
    const page = await newPage(ctx.browser);
    await signIn(page, ctx.app.baseUrl, JACK, PASSWORD);
    for (const link of ["CPD", "Supervision"]) {
      await page.getByRole("link", { name: link, exact: true }).first().click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectNoAxeViolations(page);
    }
    // A refused form shows its error summary and field errors, which must be accessible too.
    await page.getByRole("link", { name: "CPD", exact: true }).first().click();
    await page.getByLabel("Hours").fill("1000");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    await page.getByText("Hours must be 100 or fewer").first().waitFor();
    await expectNoAxeViolations(page);
  });
});
