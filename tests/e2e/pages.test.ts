/**
 * What every page says about itself: titles that say where you are and whose record it is, "Error: " while a form
 * shows errors, the accessibility statement in the footer, no blocked font requests, and the NHS date input's
 * error pattern in the browser.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, newPage, signInOnce, startAppAndBrowser } from "./browser";

const PASSWORD = "care-portfolio-demo";
const ctx = startAppAndBrowser();

/** Records console errors and any request for a font from another host while the page is used. */
function watchForProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(ctx.app.baseUrl)) problems.push(`request: ${request.url()}`);
  });
  return problems;
}

/** Waits for the title (client-side navigation sets it just after the URL changes), then checks it. */
async function expectTitle(page: Page, title: string) {
  await page.waitForFunction((t) => document.title === t, title, { timeout: 5_000 }).catch(() => undefined);
  expect(await page.title()).toBe(title);
}

describe("page titles", () => {
  it("say where you are and whose record it is, for every role", async () => {
    const coordinator = await newPage(ctx.browser);
    await signInOnce(coordinator, ctx.app.baseUrl, "coordinator@riverside-pcn.example", PASSWORD);
    await expectTitle(coordinator, "My portfolio – Care Portfolio");
    await coordinator.getByRole("link", { name: "Training", exact: true }).first().click();
    await coordinator.waitForURL(/\/training$/);
    await expectTitle(coordinator, "Training – Siân Williams – Care Portfolio");

    const lead = await newPage(ctx.browser);
    await signInOnce(lead, ctx.app.baseUrl, "lead@riverside-pcn.example", PASSWORD);
    await expectTitle(lead, "Home – Care Portfolio");
    const personHref = await coordinator.evaluate(() => location.pathname.replace(/\/training$/, ""));
    for (const [path, title] of [
      [`${personHref}/cpd`, "CPD – Siân Williams – Care Portfolio"],
      [`${personHref}/supervision`, "Supervision – Siân Williams – Care Portfolio"],
      [`${personHref}/evidence`, "Evidence – Siân Williams – Care Portfolio"],
      [`${personHref}/portfolio`, "Competencies – Siân Williams – Care Portfolio"],
      ["/audit", "Audit trail – Care Portfolio"],
      ["/people/999999", "Page not found – Care Portfolio"],
      ["/no-such-page", "Page not found – Care Portfolio"],
    ]) {
      await lead.goto(ctx.app.baseUrl + path!);
      await expectTitle(lead, title!);
    }
    await coordinator.context().close();
    await lead.context().close();
  });

  it("start with 'Error: ' while a form shows errors, and lose it when they are fixed", async () => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, "coordinator@riverside-pcn.example", PASSWORD);
    await page.getByRole("link", { name: "CPD", exact: true }).first().click();
    await page.waitForURL(/\/cpd$/);
    await expectTitle(page, "CPD – Siân Williams – Care Portfolio");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    await page.locator(".nhsuk-error-summary").waitFor();
    await expectTitle(page, "Error: CPD – Siân Williams – Care Portfolio");
    await page.getByRole("link", { name: "Training", exact: true }).first().click();
    await page.waitForURL(/\/training$/);
    await expectTitle(page, "Training – Siân Williams – Care Portfolio");
    await page.context().close();
  });
});

describe("the NHS date input", () => {
  it("31 February highlights the day, links the error to it, and keeps what was typed", async () => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, "coordinator@riverside-pcn.example", PASSWORD);
    await page.getByRole("link", { name: "CPD", exact: true }).first().click();
    await page.waitForURL(/\/cpd$/);
    await fillDate(page, "Date of the activity", "2026-02-31");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    const link = page
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "The date of the activity must be a real date" });
    await link.waitFor();
    const group = page.getByRole("group", { name: "Date of the activity" });
    expect(await group.getByLabel("Day").getAttribute("class")).toContain("nhsuk-input--error");
    expect(await group.getByLabel("Month").getAttribute("class")).not.toContain("nhsuk-input--error");
    expect(await group.getByLabel("Day").inputValue()).toBe("31");
    await link.click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === "activityDate-day");
    await expectNoAxeViolations(page);

    // A year before 2000 highlights the whole date; letters in the month highlight the month.
    await fillDate(page, "Date of the activity", "1899-03-01");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    await page.getByText("The date of the activity must be on or after 1 January 2000").first().waitFor();
    expect(await group.locator(".nhsuk-input--error").count()).toBe(3);
    await group.getByLabel("Month").fill("March");
    await group.getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Save CPD entry" }).click();
    await page.getByText("The date of the activity must be a real date").first().waitFor();
    expect(
      await group
        .locator(".nhsuk-input--error")
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name)),
    ).toEqual(["activityDate-month"]);
    await page.context().close();
  });
});

describe("around every page", () => {
  it("the footer links to the accessibility statement, and no page asks for a font the CSP blocks", async () => {
    const page = await newPage(ctx.browser);
    const problems = watchForProblems(page);
    await page.goto(ctx.app.baseUrl + "/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility statement" }).click();
    await page.waitForURL(/\/accessibility$/);
    await page.getByRole("heading", { level: 1, name: "Accessibility statement for Care Portfolio" }).waitFor();
    await page.getByRole("heading", { name: "Reporting accessibility problems" }).waitFor();
    expect(await page.getByText("WCAG) version 2.2 to level AA").count()).toBe(1);
    await expectTitle(page, "Accessibility statement – Care Portfolio");
    await expectNoAxeViolations(page);
    await signInOnce(page, ctx.app.baseUrl, "lead@riverside-pcn.example", PASSWORD);
    await page.goto(ctx.app.baseUrl + "/dashboard");
    await page.getByRole("heading", { level: 1 }).waitFor();
    // Lay the page out, which asks for every font it uses, and wait until each has loaded or failed.
    await page.evaluate(async () => {
      void document.body.offsetHeight;
      await document.fonts.ready;
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe("people and their own home", () => {
  it("the people list gives each person's job role, or 'Not applicable'", async () => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, "admin@care-portfolio.example", PASSWORD);
    await page.goto(ctx.app.baseUrl + "/people");
    const roleOf = async (name: string) =>
      (
        await page
          .locator("tr", { has: page.getByRole("link", { name, exact: true }) })
          .locator("td")
          .nth(1)
          .textContent()
      )?.trim();
    expect(await roleOf("Jack Thompson")).toBe("Care coordinator");
    const admin = await page.locator(`header .nhsuk-header__account-link[href="/account"]`).textContent();
    expect(await roleOf(admin!.trim())).toBe("Not applicable");
    await page.context().close();
  });

  it("a member of staff's home speaks to them: 'Your supervision is overdue'", async () => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, "daniel.kowalski@riverside-pcn.example", PASSWORD);
    const panel = page.getByTestId("own-supervision-panel");
    expect(await panel.getByRole("heading").textContent()).toBe("Your supervision");
    expect(await panel.textContent()).toMatch(/Your supervision is overdue by \d+ days?: it was due by/);
    expect(await panel.textContent()).not.toContain("Daniel Kowalski");
    await page.context().close();
  });
});
