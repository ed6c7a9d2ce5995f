import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkPdfUa } from "../fixtures/pdf/accessibility";
import { readPdf } from "../fixtures/pdf/extract";
import {
  daysFromToday,
  downloadedBytes,
  expectNoAxeViolations,
  fillDate,
  newPage,
  signInOnce,
  startAppAndBrowser,
} from "./browser";

const DEMO_PASSWORD = "care-portfolio-demo";
const COMPETENCY = "Finding out what matters to the person";
const ctx = startAppAndBrowser();

/** Days from today (in England) to 31 March, when the appraisal year ends (April is the default start). */
function daysToAppraisalYearEnd(): number {
  const today = daysFromToday(0);
  const year = Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 4 ? 1 : 0);
  return Math.round((Date.parse(`${year}-03-31`) - Date.parse(today)) / 86_400_000);
}

/** A figure from the appraisal screen's summary of the year so far, as the person's appraiser sees it. */
async function preparedFigure(page: Page, personUrl: string, label: string): Promise<number> {
  await page.goto(`${personUrl}/appraisals/new`);
  const row = page.getByTestId("prepared-summary").locator(".nhsuk-summary-list__row", { hasText: label });
  return parseInt((await row.locator("dd").textContent())!, 10);
}

describe("the development loop", () => {
  it("self-assessment confirmed and a goal agreed by the supervisor, then achieved: on the home page, the appraisal screen and in the PDF", async () => {
    const coordinator = await newPage(ctx.browser);
    await signInOnce(coordinator, ctx.app.baseUrl, "coordinator@riverside-pcn.example", DEMO_PASSWORD);
    await coordinator.getByTestId("own-development").getByRole("link", { name: "Your self-assessment" }).click();
    await coordinator.getByRole("heading", { name: "My self-assessment" }).waitFor();
    const personUrl = coordinator.url().replace(/\/self-assessment$/, "");
    // The lead, their line manager, appraises them: the appraisal screen's figures before any of this.
    const lead = await newPage(ctx.browser);
    await signInOnce(lead, ctx.app.baseUrl, "lead@riverside-pcn.example", DEMO_PASSWORD);
    const goalsBefore = await preparedFigure(lead, personUrl, "Development goals achieved");
    const ratingsBefore = await preparedFigure(lead, personUrl, "Self-assessment ratings made");

    // A rating without a level is refused with a field error.
    await coordinator.getByLabel("Competency", { exact: true }).selectOption({ label: COMPETENCY });
    await coordinator.getByRole("button", { name: "Save rating" }).click();
    await coordinator
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "Select the level that describes you best" })
      .waitFor();
    await coordinator.getByLabel(/^Competent:/).check();
    await coordinator.getByLabel("Note (optional)").fill("I lead what-matters conversations on my own now.");
    await coordinator.getByRole("button", { name: "Save rating" }).click();
    await coordinator.getByText("Rating saved", { exact: true }).waitFor();
    const row = coordinator.getByTestId("ratings-personalised-care").getByRole("row").filter({ hasText: COMPETENCY });
    await expect(row.textContent()).resolves.toContain("Self-rated");
    await row.getByRole("button", { name: `Ask supervisor to confirm ${COMPETENCY}` }).click();
    await coordinator.getByText("Your supervisor has been asked to confirm your rating").waitFor();
    await expect(row.textContent()).resolves.toContain("Waiting for supervisor");
    // The chart's figures are in a table too: one competency of the area self-rated "Competent", none confirmed.
    const figures = coordinator.getByTestId("timeline-table-personalised-care");
    await expect(figures.getByRole("row").nth(1).textContent()).resolves.toMatch(/Self-rated0010/);
    await expectNoAxeViolations(coordinator);

    // A goal, due within 30 days.
    await coordinator.goto(coordinator.url().replace(/self-assessment$/, "development-plan"));
    await coordinator.getByRole("link", { name: "Add a goal" }).click();
    await coordinator.getByRole("button", { name: "Add goal" }).click();
    const summary = coordinator.locator(".nhsuk-error-summary");
    await summary.getByRole("link", { name: "Enter what you want to achieve" }).waitFor();
    await summary.getByRole("link", { name: "Select at least one competency" }).waitFor();
    await summary.getByRole("link", { name: "Enter the target date" }).waitFor();
    await expectNoAxeViolations(coordinator);
    await coordinator.getByLabel("What do you want to achieve?").fill("Run a group session on living well");
    await coordinator.getByLabel("Why does this matter?").fill("People waiting for support could meet others.");
    await coordinator.getByRole("group", { name: "Competencies this goal builds" }).getByLabel(COMPETENCY).check();
    await coordinator.getByLabel("Shadowing a colleague").check();
    // Due soon (so the home page lists it), and inside this appraisal year (so this year's PDF lists it).
    await fillDate(coordinator, "Target date", daysFromToday(Math.min(20, daysToAppraisalYearEnd())));
    await coordinator.getByRole("button", { name: "Add goal" }).click();
    await coordinator.getByRole("heading", { name: "Run a group session on living well" }).waitFor();
    await coordinator.getByText("Not yet", { exact: true }).waitFor();
    // Only the supervisor agrees a goal: the person has no such button.
    await expect(coordinator.getByRole("button", { name: "Agree goal" }).count()).resolves.toBe(0);

    const supervisor = await newPage(ctx.browser);
    await signInOnce(supervisor, ctx.app.baseUrl, "supervisor@riverside-pcn.example", DEMO_PASSWORD);
    await supervisor
      .getByTestId("goals-to-agree")
      .getByRole("link", { name: /Run a group session/ })
      .click();
    await supervisor.getByRole("button", { name: "Agree goal" }).click();
    await supervisor.getByText("Goal agreed", { exact: true }).waitFor();
    await expect(supervisor.getByRole("button", { name: "Mark as achieved" }).count()).resolves.toBe(0);
    await supervisor.goto(ctx.app.baseUrl + "/");
    await supervisor
      .getByTestId("ratings-to-confirm")
      .getByRole("link", { name: new RegExp(COMPETENCY) })
      .click();
    // Returning needs a comment.
    await supervisor.getByRole("button", { name: "Return rating" }).click();
    await supervisor
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "Enter a comment saying why you are returning this rating" })
      .waitFor();
    await supervisor.getByRole("button", { name: "Confirm rating" }).click();
    await supervisor.getByText("Rating confirmed", { exact: true }).waitFor();
    // Self-rating, confirmed rating and sign-off side by side.
    const seen = supervisor.getByTestId("ratings-personalised-care").getByRole("row").filter({ hasText: COMPETENCY });
    await expect(seen.textContent()).resolves.toMatch(/Competent.*Confirmed.*Competent.*Signed off/);
    await expectNoAxeViolations(supervisor);

    // The goal shows on the person's home page as due soon, until it is achieved.
    await coordinator.goto(ctx.app.baseUrl + "/");
    await expect(coordinator.getByTestId("goals-due").textContent()).resolves.toContain(
      "Run a group session on living well",
    );
    await coordinator
      .getByTestId("goals-due")
      .getByRole("link", { name: "Run a group session on living well" })
      .click();
    await coordinator.getByRole("button", { name: "Mark as in progress" }).click();
    await coordinator.getByText("Goal marked as in progress", { exact: true }).waitFor();
    await coordinator.getByLabel("Progress made").fill("Booked a room and shadowed a session.");
    await coordinator.getByRole("button", { name: "Save progress" }).click();
    await coordinator.getByText("Progress recorded", { exact: true }).waitFor();
    await coordinator.getByRole("button", { name: "Mark as achieved" }).click();
    await coordinator.getByText("Goal marked as achieved", { exact: true }).waitFor();
    await expectNoAxeViolations(coordinator);

    await coordinator.goto(ctx.app.baseUrl + "/");
    await expect(coordinator.getByTestId("own-development").textContent()).resolves.toContain("Achieved: 1");
    await expect(coordinator.getByTestId("goals-due").count()).resolves.toBe(0);

    // The year's PDF portfolio, an accessible document, shows the confirmed rating beside the self-rating, and the goal
    // achieved and agreed.
    // The appraisal screen counts the rating and the achieved goal in this year's figures.
    await expect(preparedFigure(lead, personUrl, "Development goals achieved")).resolves.toBe(goalsBefore + 1);
    await expect(preparedFigure(lead, personUrl, "Self-assessment ratings made")).resolves.toBe(ratingsBefore + 1);
    await expectNoAxeViolations(lead);

    await coordinator.goto(`${personUrl}/export`);
    const downloading = coordinator.waitForEvent("download");
    await coordinator.getByRole("button", { name: "Download PDF" }).click();
    const bytes = await downloadedBytes(await downloading);
    expect((await checkPdfUa(bytes)).problems).toEqual([]);
    const pdf = await readPdf(bytes);
    const text = pdf.pages.join(" ");
    const date = String.raw`\d{1,2} [A-Z][a-z]+ \d{4}`;
    expect(text).toMatch(new RegExp(`${COMPETENCY} Competent \\(${date}\\) Competent \\(${date}\\)`));
    expect(text).toMatch(
      new RegExp(
        `Run a group session on living well Competencies: ${COMPETENCY} ${date} Achieved Agreed by .+? on ${date}`,
      ),
    );
  });
});
