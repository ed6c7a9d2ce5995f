/**
 * The administrator's dashboard a page of staff at a time, with and without JavaScript: for every PCN and for
 * one integrated care system (ICS), the page links keep the filters and the sort, the figures stay those of the
 * whole scope, a page number that makes no sense answers page 1, and the CSV still has every row.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { downloadedBytes, expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";
import { exec } from "./http";
import { ROOT, TSX } from "./settings";

const ctx = startAppAndBrowser();
const PAGE_SIZE = 25;
const AT = "2026-11-02T09:00:00.000Z";

/** Extra care coordinators, named to sort in a known order, in the demo's ICS and in a PCN of another ICS. */
const IN_DEMO_ICS = Array.from({ length: 40 }, (_, i) => `Paging Person ${String(i + 1).padStart(2, "0")}`);
const ELSEWHERE = Array.from({ length: 20 }, (_, i) => `Seaside Person ${String(i + 1).padStart(2, "0")}`);

beforeAll(async () => {
  const people = (names: string[], pcn: string) =>
    names
      .map(
        (name, i) =>
          `INSERT INTO users (pcn_id, name, email, email_key, job_role, active, created_at, updated_at)
           SELECT id, '${name}', '${name.replace(/ /g, ".")}@paging.example', '${name.replace(/ /g, ".").toLowerCase()}@paging.example',
             '${i % 5 ? "care-coordinator" : "health-and-wellbeing-coach"}', 1, '${AT}', '${AT}' FROM pcns WHERE name = '${pcn}';`,
      )
      .join("\n");
  exec(
    ctx.app,
    `INSERT INTO pcns (name, ods_code, ics_name, created_at) VALUES ('Seaside PCN', 'U00099', 'Seaside Integrated Care System', '${AT}');
     ${people(IN_DEMO_ICS, "Hillside Villages PCN")}
     ${people(ELSEWHERE, "Seaside PCN")}`,
  );
  // Loaded from outside the app, so their standings are worked out as the documented command does. Not run
  // synchronously: this process must go on reading its sockets meanwhile, or a keep-alive connection the server
  // closes in that time would be taken for an open one by the first request after it ("fetch failed").
  await promisify(execFile)(TSX, ["scripts/rebuild-rollups.ts"], { cwd: ROOT, env: ctx.app.env });
});

const table = (page: Page) => page.getByTestId("dashboard-table");
const rowNames = (page: Page) =>
  table(page)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.dataset.person));
const staffFigure = (page: Page) =>
  page
    .getByTestId("dashboard-summary")
    .locator(".app-figure", { hasText: /^Staff/ })
    .locator("dd")
    .textContent();
const nav = (page: Page) => page.getByRole("navigation", { name: "Pagination" });

/** The administrator's dashboard, with or without JavaScript. */
const adminDashboard = ({ javaScript }: { javaScript: boolean }) =>
  signedInPage(ctx.browser, ctx.app.baseUrl, "admin@care-portfolio.example", "/dashboard", {
    javaScriptEnabled: javaScript,
  });

describe("the administrator's dashboard, a page at a time", () => {
  it(
    "every PCN, without JavaScript: page links keep the filter and the sort, and the figures stay the whole scope's",
    { timeout: 150_000 },
    async () => {
      const page = await adminDashboard({ javaScript: false });
      await page.getByLabel("Job role").selectOption({ label: "Care coordinator" });
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(/jobRole=care-coordinator/);
      await table(page).getByRole("link", { name: /^Name/ }).click();
      await page.waitForURL(/dir=desc/);
      const total = Number((await page.getByTestId("result-count").textContent())!.match(/\d+/)![0]);
      // 32 + 16 of the people added, and the demo's own care coordinators.
      expect(total).toBeGreaterThan(48);
      const pages = Math.ceil(total / PAGE_SIZE);
      expect(await staffFigure(page)).toBe(String(total));

      const seen: (string | undefined)[] = [];
      for (let n = 1; n <= pages; n++) {
        const names = await rowNames(page);
        expect(names).toHaveLength(n < pages ? PAGE_SIZE : total - PAGE_SIZE * (pages - 1));
        seen.push(...names);
        // The figures are the whole scope's on every page.
        expect(await staffFigure(page)).toBe(String(total));
        if (n < pages) {
          const next = nav(page).getByRole("link", { name: /^Next/ });
          await expect(next.textContent()).resolves.toContain(`Page ${n + 1} of ${pages}`);
          await next.click();
          await page.waitForURL(new RegExp(`page=${n + 1}`));
          expect(page.url()).toMatch(/jobRole=care-coordinator/);
          expect(page.url()).toMatch(/sort=name&dir=desc/);
        } else {
          await expect(nav(page).getByRole("link", { name: /^Next/ }).count()).resolves.toBe(0);
        }
      }
      // Every care coordinator once, by name from Z to A.
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      // As the table sorts: by the name in lower case, character by character.
      const byName = (a?: string, b?: string) => (a!.toLowerCase() < b!.toLowerCase() ? -1 : 1);
      expect(seen).toEqual([...seen].sort(byName).reverse());
      expect(seen).toEqual(expect.arrayContaining(IN_DEMO_ICS.filter((_, i) => i % 5)));

      await nav(page)
        .getByRole("link", { name: /^Previous/ })
        .click();
      await page.waitForURL(new RegExp(`page=${pages - 1}`));
      expect(await rowNames(page)).toEqual(seen.slice(PAGE_SIZE * (pages - 2), PAGE_SIZE * (pages - 1)));

      // The spreadsheet from any page has every row the filter keeps, in the same order.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: /Download this table as a spreadsheet/ }).click(),
      ]);
      const lines = (await downloadedBytes(download)).toString("utf8").trim().split(/\r?\n/);
      expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(seen);
      await page.context().close();
    },
  );

  it(
    "choosing a PCN without JavaScript: its ICS first, then the PCN from that ICS's own list, by keyboard",
    { timeout: 150_000 },
    async () => {
      const page = await adminDashboard({ javaScript: false });
      // Every PCN is in an ICS here, so with no ICS chosen there is no PCN to choose, and the ICS says how.
      const ics = page.getByLabel("Integrated care system (ICS)");
      await expect(page.getByLabel("PCN", { exact: true }).count()).resolves.toBe(0);
      await expect(
        page.getByText("To choose a PCN, choose its ICS and apply the filters", { exact: true }).isVisible(),
      ).resolves.toBe(true);
      await expect(ics.getAttribute("aria-describedby")).resolves.toBe("ics-hint");
      await expect(page.locator("option", { hasText: "Riverside Health PCN" }).count()).resolves.toBe(0);

      const apply = page.getByRole("button", { name: "Apply filters" });
      await ics.selectOption({ label: "Example Integrated Care System" });
      await apply.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/ics=Example/);
      const pcn = page.getByLabel("PCN", { exact: true });
      await expect(pcn.locator("option").allTextContents()).resolves.toEqual([
        "All PCNs in the ICS",
        "Hillside Villages PCN",
        "Riverside Health PCN",
      ]);
      await expect(page.getByText("PCNs in Example Integrated Care System", { exact: true }).isVisible()).resolves.toBe(
        true,
      );

      await pcn.selectOption({ label: "Hillside Villages PCN" });
      await apply.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/pcn=\d+/);
      await page.locator(".nhsuk-caption-l", { hasText: "Hillside Villages PCN" }).waitFor();
      await expect(page.getByTestId("result-count").textContent()).resolves.toContain("40 members of staff");
      expect(await rowNames(page)).toEqual(IN_DEMO_ICS.slice(0, PAGE_SIZE));
      await expect(ics.inputValue()).resolves.toBe("Example Integrated Care System");

      // Another ICS chosen after the PCN: that ICS, not the PCN.
      await ics.selectOption({ label: "Seaside Integrated Care System" });
      await apply.click();
      await page.waitForURL(/ics=Seaside/);
      await page.getByTestId("result-count").getByText("20 members of staff", { exact: true }).waitFor();
      expect(await rowNames(page)).toEqual(ELSEWHERE);
      await expect(page.getByLabel("PCN", { exact: true }).locator("option").allTextContents()).resolves.toEqual([
        "All PCNs in the ICS",
        "Seaside PCN",
      ]);
      await page.context().close();
    },
  );

  it(
    "one ICS, with JavaScript: its own pages and figures; a page number that makes no sense shows page 1",
    { timeout: 150_000 },
    async () => {
      const page = await adminDashboard({ javaScript: true });
      // The ICS choice with its hint on how to choose a PCN (axe needs JavaScript, so it checks the pages here).
      await expectNoAxeViolations(page);
      await page.getByLabel("Integrated care system (ICS)").selectOption({ label: "Seaside Integrated Care System" });
      await page.getByRole("button", { name: "Apply filters" }).click();
      // Remix fetches the new page's data after the address changes: wait for what it shows.
      await page.getByTestId("result-count").getByText("20 members of staff", { exact: true }).waitFor();
      expect(await rowNames(page)).toEqual(ELSEWHERE);
      await expect(nav(page).count()).resolves.toBe(0);

      await page.goto(`${ctx.app.baseUrl}/dashboard?ics=${encodeURIComponent("Example Integrated Care System")}`);
      const total = Number((await page.getByTestId("result-count").textContent())!.match(/\d+/)![0]);
      expect(total).toBeGreaterThan(40);
      const firstPage = await rowNames(page);
      expect(firstPage).toHaveLength(PAGE_SIZE);
      await nav(page).getByRole("link", { name: /^Next/ }).click();
      await page.waitForURL(/page=2/);
      await nav(page)
        .getByRole("link", { name: /^Previous/ })
        .waitFor();
      expect(page.url()).toMatch(/ics=Example/);
      const secondPage = await rowNames(page);
      expect(secondPage).toHaveLength(total - PAGE_SIZE);
      expect(secondPage.some((name) => name?.startsWith("Seaside"))).toBe(false);
      expect(await staffFigure(page)).toBe(String(total));
      await expectNoAxeViolations(page);

      for (const bad of ["0", "two", "99"]) {
        await page.goto(
          `${ctx.app.baseUrl}/dashboard?ics=${encodeURIComponent("Example Integrated Care System")}&page=${bad}`,
        );
        expect(await rowNames(page), `page=${bad}`).toEqual(firstPage);
        await expect(
          nav(page)
            .getByRole("link", { name: /^Previous/ })
            .count(),
        ).resolves.toBe(0);
      }
      await page.context().close();
    },
  );
});
