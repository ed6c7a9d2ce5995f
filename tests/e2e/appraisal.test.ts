import { describe, expect, it } from "vitest";
import { readPdf } from "../fixtures/pdf/extract";
import { daysFromToday, downloadedBytes, expectNoAxeViolations, fillDate, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const OBJECTIVE = "Lead the practice's frailty huddle";
const ctx = startAppAndBrowser();

describe("the appraisal", () => {
  it("is recorded by the appraiser with an objective, confirmed by both, locked, and its objective joins the plan", async () => {
    // In the demo PCN the lead is each member of staff's line manager, so their appraiser.
    const appraiser = await signedInPage(ctx.browser, ctx.app.baseUrl, "lead@riverside-pcn.example", "/people");
    await appraiser.getByRole("link", { name: "Siân Williams" }).click();
    await appraiser.getByRole("navigation", { name: "Portfolio" }).getByRole("link", { name: "Appraisals" }).click();
    await appraiser.getByRole("heading", { name: "Siân Williams's appraisals" }).waitFor();
    await expectNoAxeViolations(appraiser);
    await appraiser.getByRole("link", { name: "Record an appraisal" }).click();

    // The screen starts with what happened in the period: the demo portfolio has accepted evidence and CPD.
    const prepared = appraiser.getByTestId("prepared-summary");
    await expect(prepared.textContent()).resolves.toMatch(/Evidence accepted\d+ items?/);
    await expect(prepared.textContent()).resolves.toMatch(/Supervision meetings \(confirmed\)\d+ of \d+ expected/);

    // Bad input is refused with field errors.
    await appraiser.getByRole("button", { name: "Save appraisal" }).click();
    const errors = appraiser.locator(".nhsuk-error-summary");
    await errors.getByRole("link", { name: "Enter the date of the appraisal" }).waitFor();
    await errors.getByRole("link", { name: "Enter a summary of the appraisal" }).waitFor();
    await expectNoAxeViolations(appraiser);

    await fillDate(appraiser, "Date of the appraisal", daysFromToday(0));
    await appraiser.getByLabel("Summary").fill("A strong year: Siân took on the frailty caseload.");
    await appraiser.getByLabel("Objective 1 (optional)").fill(OBJECTIVE);
    await fillDate(appraiser, "Target date of objective 1", daysFromToday(60));
    await appraiser.getByRole("button", { name: "Save appraisal" }).click();
    await appraiser.getByText("Appraisal recorded.", { exact: false }).waitFor();
    await appraiser.getByRole("heading", { name: /^Appraisal on / }).waitFor();
    await appraiser.getByTestId("prepared-summary").waitFor();
    await appraiser.getByRole("heading", { name: "Change the record" }).waitFor();
    await expectNoAxeViolations(appraiser);

    // The PDF portfolio of the period is linked, and shows this appraisal as the latest.
    const downloading = appraiser.waitForEvent("download");
    await appraiser.getByRole("link", { name: /^Download the \d{4}\/\d{2} PDF portfolio$/ }).click();
    const pdf = await readPdf(await downloadedBytes(await downloading));
    const text = pdf.pages.join(" ");
    expect(text).toContain("Latest appraisal");
    expect(text).toContain("A strong year: Siân took on the frailty caseload.");
    expect(text).toContain(OBJECTIVE);

    await appraiser.getByRole("button", { name: "Confirm appraisal as appraiser" }).click();
    await appraiser.getByText("Appraisal confirmed. It can no longer be changed", { exact: false }).waitFor();
    await appraiser.getByText("This appraisal has been confirmed, so nobody can change it.").waitFor();
    await expect(appraiser.getByRole("heading", { name: "Change the record" }).count()).resolves.toBe(0);
    await expectNoAxeViolations(appraiser);

    const person = await signedInPage(
      ctx.browser,
      ctx.app.baseUrl,
      "coordinator@riverside-pcn.example",
      new URL(appraiser.url()).pathname,
    );
    await expect(person.getByRole("button", { name: "Confirm appraisal as appraiser" }).count()).resolves.toBe(0);
    await person.getByRole("button", { name: "Confirm my appraisal" }).click();
    await person.getByText("Appraisal confirmed. Its objectives are now in the development plan.").waitFor();
    await person.getByText("Confirmed by both", { exact: true }).waitFor();
    await expect(person.getByRole("button", { name: /^Confirm/ }).count()).resolves.toBe(0);
    await expectNoAxeViolations(person);

    // The objective is a goal in the plan, already agreed.
    await person.goto(person.url().replace(/appraisals\/\d+$/, "development-plan"));
    const goals = person.getByTestId("goals");
    const row = goals.getByRole("row").filter({ hasText: OBJECTIVE });
    await expect(row.textContent()).resolves.toContain("Agreed");
    await row.getByRole("link", { name: OBJECTIVE }).click();
    await person.getByRole("heading", { name: OBJECTIVE }).waitFor();
    await expectNoAxeViolations(person);

    // The appraiser's view is locked too: nothing to change or confirm.
    await appraiser.reload();
    await expect(
      appraiser
        .getByRole("button")
        .filter({ hasText: /Confirm|Save changes/ })
        .count(),
    ).resolves.toBe(0);
    // Two people, a PDF and seven accessibility checks: more than the usual 90 seconds on a busy machine.
  }, 180_000);
});
