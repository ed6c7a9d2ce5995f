import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const ctx = startAppAndBrowser();

async function noSidewaysScrollAt375(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("induction checklist", () => {
  it("a lead adds a new starter, whose checklist exists; the supervisor ticks items; progress shows on the person's page and the dashboard", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, "lead@riverside-pcn.example", "/people/new");
    await lead.getByLabel("Full name").fill("Erin Walsh");
    await lead.getByLabel("Email address").fill("erin.walsh@riverside-pcn.example");
    await lead.getByLabel("Job role").selectOption({ label: "Care coordinator" });
    await lead.getByLabel("Member of staff (keeps a portfolio)").check();
    await lead.getByRole("button", { name: "Add person" }).click();
    await lead.getByRole("heading", { name: "Erin Walsh" }).waitFor();
    const personUrl = lead.url();

    // The new starter's checklist exists from the moment she is added, with nothing done yet.
    const progress = lead.getByTestId("induction-progress");
    await expect(progress.textContent()).resolves.toMatch(/In progress.*0 of 8\s*done/s);

    // She needs a designated supervisor, who will tick items with her.
    await lead.getByLabel("Arrangement", { exact: true }).selectOption({ label: "Designated supervisor" });
    await lead.getByLabel("Person", { exact: true }).selectOption({ label: "Grace Okafor (supervisor)" });
    await lead.getByRole("button", { name: "Add arrangement" }).click();
    await lead.getByText("Designated supervisor recorded").waitFor();

    const supervisor = await signedInPage(
      ctx.browser,
      ctx.app.baseUrl,
      "grace.okafor@riverside-pcn.example",
      new URL(personUrl).pathname,
    );
    await supervisor.getByTestId("induction-progress").getByRole("link", { name: "Induction checklist" }).click();
    await supervisor.getByRole("heading", { name: "Induction checklist" }).waitFor();

    // Saving with nothing ticked is refused with a field error linked to the boxes.
    await supervisor.getByRole("button", { name: "Save items done" }).click();
    const summary = supervisor.locator(".nhsuk-error-summary");
    await summary.getByRole("link", { name: "Select at least one item that is done" }).click();
    await expect(supervisor.evaluate(() => document.activeElement?.id)).resolves.toBe("items");
    await expectNoAxeViolations(supervisor);

    const boxes = supervisor.getByRole("group", { name: "Which items are done?" });
    await boxes.getByLabel("Meet your supervisor and first point of contact").check();
    await boxes.getByLabel("Know your safeguarding leads and how to raise a concern").check();
    await supervisor.getByRole("button", { name: "Save items done" }).click();
    await supervisor.getByText("Items marked as done", { exact: true }).waitFor();
    const done = supervisor.getByTestId("induction-items").getByRole("row", { name: /Meet your supervisor/ });
    await expect(done.textContent()).resolves.toContain("ticked by Grace Okafor");
    await expect(supervisor.getByTestId("induction-progress").textContent()).resolves.toMatch(/2 of 8\s*done/);
    await expectNoAxeViolations(supervisor);
    await noSidewaysScrollAt375(supervisor);

    // Ticked by mistake: unticked again.
    await supervisor
      .getByRole("button", { name: "Untick Know your safeguarding leads and how to raise a concern" })
      .click();
    await supervisor.getByText("Item unticked", { exact: true }).waitFor();
    await expect(supervisor.getByTestId("induction-progress").textContent()).resolves.toMatch(/1 of 8\s*done/);

    // The lead sees her progress on her page, and in the dashboard's column and filter.
    await lead.goto(personUrl);
    await expect(lead.getByTestId("induction-progress").textContent()).resolves.toMatch(/1 of 8\s*done/);
    await lead.goto(ctx.app.baseUrl + "/dashboard");
    await lead.getByLabel("Induction", { exact: true }).selectOption({ label: "Induction not complete" });
    await lead.getByRole("button", { name: "Apply filters" }).click();
    await lead.waitForURL(/induction=incomplete/);
    // Erin and the two seeded recent starters; the established staff finished theirs long ago.
    await expect.poll(() => lead.getByTestId("result-count").textContent()).toBe("3 members of staff");
    const table = lead.getByTestId("dashboard-table");
    await expect(table.locator("tr[data-person='Siân Williams']").count()).resolves.toBe(0);
    const row = table.locator("tr[data-person='Erin Walsh']");
    await expect(row.textContent()).resolves.toMatch(/In progress.*1 of 8 done/s);
    // The lead's dashboard is scanned in readiness.test.ts and local-periods.test.ts.
    await noSidewaysScrollAt375(lead);
    await lead.context().close();
    await supervisor.context().close();
  });

  it("the new starter sees her own progress on her home page and ticks an item herself", async () => {
    const jack = await signedInPage(ctx.browser, ctx.app.baseUrl, "jack.thompson@riverside-pcn.example");
    const progress = jack.getByTestId("induction-progress");
    await expect(progress.textContent()).resolves.toMatch(/Your induction.*3 of 8\s*done/s);
    await progress.getByRole("link", { name: "Your induction checklist" }).click();
    await jack.getByRole("heading", { name: "My induction checklist" }).waitFor();
    await jack.getByRole("group", { name: "Which items are done?" }).getByRole("checkbox").first().check();
    await jack.getByRole("button", { name: "Save items done" }).click();
    await jack.getByText("Items marked as done", { exact: true }).waitFor();
    await expect(jack.getByTestId("induction-progress").textContent()).resolves.toMatch(/4 of 8\s*done/);
    await expectNoAxeViolations(jack);
    await noSidewaysScrollAt375(jack);
    await jack.context().close();
  });
});
