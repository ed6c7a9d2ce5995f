/** Adding people and changing PCNs in the browser: nothing pre-chosen, every refusal linked to its field. */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";
import { appDatabase } from "./http";

const ADMIN = "admin@care-portfolio.example";
const ROLE_LABELS = ["Member of staff (keeps a portfolio)", "Supervisor", "PCN lead"];
const ctx = startAppAndBrowser();

describe("people and PCNs", () => {
  it("an administrator changes a PCN: bad input is refused field by field, then the change is saved and audited", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/admin/pcns");
    await page.getByRole("link", { name: "Change Hillside Villages PCN" }).click();
    await page.getByRole("heading", { name: "Change Hillside Villages PCN" }).waitFor();
    await expect(page.getByLabel("ODS code").inputValue()).resolves.toBe("U00043");

    await page.getByLabel("PCN name").fill("");
    await page.getByLabel("ODS code").fill("12345");
    await page.getByRole("button", { name: "Save changes" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    await expect(summary.locator("a[href='#name']").textContent()).resolves.toBe("Enter the PCN's name");
    await expect(summary.locator("a[href='#odsCode']").textContent()).resolves.toBe(
      "Enter the ODS code in the correct format: U followed by 5 numbers, like U12345",
    );
    await expect(page.locator("#odsCode-error").textContent()).resolves.toContain("U followed by 5 numbers");
    await expect(page.getByLabel("ODS code").inputValue()).resolves.toBe("12345");
    await expectNoAxeViolations(page);

    await page.getByLabel("PCN name").fill("Hillside and Vale PCN");
    await page.getByLabel("ODS code").fill("u00044");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("alert").getByText("Hillside and Vale PCN: details saved").waitFor();
    await page.getByRole("cell", { name: "U00044" }).waitFor();
    await expectNoAxeViolations(page);

    const db = appDatabase(ctx.app);
    const audit = db
      .prepare("select before_json, after_json from audit_log where entity = 'pcn' and action = 'update'")
      .get() as { before_json: string; after_json: string };
    db.close();
    expect(JSON.parse(audit.before_json)).toMatchObject({ name: "Hillside Villages PCN", odsCode: "U00043" });
    expect(JSON.parse(audit.after_json)).toMatchObject({ name: "Hillside and Vale PCN", odsCode: "U00044" });
    await page.context().close();
  });

  it("adding a person pre-ticks no role; a supervisor gets no portfolio unless it is chosen", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "lead@riverside-pcn.example", "/people/new");
    for (const label of ROLE_LABELS) await expect(page.getByLabel(label).isChecked()).resolves.toBe(false);

    await page.getByLabel("Full name").fill("Rhys Morgan");
    await page.getByLabel("Email address").fill("rhys.morgan@riverside-pcn.example");
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.locator(".nhsuk-error-summary a[href='#roles']").textContent()).resolves.toBe(
      "Select at least one role",
    );
    await expectNoAxeViolations(page);

    await page.getByLabel("Supervisor").check();
    await page.getByRole("button", { name: "Add person" }).click();
    await page.getByRole("heading", { name: "Rhys Morgan" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.not.toContain("keeps a portfolio");
    await page.context().close();
  });

  it("someone who keeps a portfolio must be given a PCN", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/people/new");
    await page.getByLabel("Full name").fill("Orla Byrne");
    await page.getByLabel("Email address").fill("orla.byrne@nhs.net");
    await page.getByLabel("Job role").selectOption({ label: "Care coordinator" });
    await page.getByLabel("Member of staff (keeps a portfolio)").check();
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.locator(".nhsuk-error-summary a[href='#pcnId']").textContent()).resolves.toBe(
      "Select the PCN of a member of staff who keeps a portfolio",
    );
    await expect(page.getByLabel("Member of staff (keeps a portfolio)").isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    await page.getByLabel("PCN", { exact: true }).selectOption({ label: "Riverside Health PCN" });
    await page.getByRole("button", { name: "Add person" }).click();
    await page.getByRole("heading", { name: "Orla Byrne" }).waitFor();
    await page.context().close();
  });
});
