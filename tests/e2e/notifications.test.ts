/**
 * Notifications in the browser: the server's schedule (NOTIFY_SCHEDULE) finds that Daniel's supervision is overdue;
 * the header counts his unread notifications, the page lists them and marks them read, and My account takes his
 * choice not to get them by email. `npm run notify` run again afterwards adds nothing.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

// Every two seconds, so the test sees the scheduled run without waiting for 7am.
const ctx = startAppAndBrowser({ NOTIFY_SCHEDULE: "*/2 * * * * *" });
const ROOT = path.resolve(import.meta.dirname, "../..");

describe("notifications", () => {
  it("show as a count in the header and a list that can be marked read; email can be turned off", async () => {
    // The server logs each scheduled run as it finishes: wait for the first, then open the page once.
    await expect.poll(() => ctx.app.output(), { timeout: 30_000, interval: 100 }).toContain("Notifications: ");
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "daniel.kowalski@riverside-pcn.example");
    const header = page.getByTestId("header-notifications");
    await expect(header.textContent()).resolves.toMatch(/^Notifications \(\d+ unread\)$/);
    await header.click();
    await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    const list = page.getByTestId("notifications");
    await expect(list.textContent()).resolves.toContain("Your supervision is overdue");
    await expect(list.getByRole("row").nth(1).textContent()).resolves.toContain("New");
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The link goes to the record it is about.
    await list.getByRole("link", { name: /Your supervision is overdue/ }).click();
    await page.waitForURL(/\/people\/\d+\/supervision$/);
    await page.goBack();

    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("Notifications marked as read").waitFor();
    await expect(header.textContent()).resolves.toBe("Notifications");
    await expect(page.getByRole("button", { name: "Mark all as read" }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    // My account: the choice is saved and shown again.
    await page.goto(ctx.app.baseUrl + "/account");
    await page.getByLabel("No, show them in Care Portfolio only").check();
    await page.getByRole("button", { name: "Save choice" }).click();
    await page.getByText("Your choice about notifications by email has been saved").waitFor();
    await expect(page.getByLabel("No, show them in Care Portfolio only").isChecked()).resolves.toBe(true);
    // My account is scanned in personal-data.test.ts and single-sign-on.test.ts.
    await page.goto(ctx.app.baseUrl + "/notifications");
    await page.getByText("You have chosen not to get them by email.").waitFor();

    // Running the job by hand now finds nothing new: each notice is made once.
    const output = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/notify.ts"], {
      cwd: ROOT,
      env: ctx.app.env,
      encoding: "utf8",
    });
    expect(output).toMatch(/Notifications: 2 PCNs checked, 0 new notifications, 0 digests emailed/);
  });

  it("are for signed-in people only", async () => {
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/notifications");
    await page.waitForURL(/\/sign-in/);
    await expect(page.getByTestId("header-notifications").count()).resolves.toBe(0);
  });
});
