import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, newPage, signInOnce, startAppAndBrowser } from "./browser";

const DEMO_PASSWORD = "care-portfolio-demo";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const ctx = startAppAndBrowser();

async function openEvidence(page: Page, title: string) {
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
}

describe("evidence review and sign-off", () => {
  it("coordinator submits evidence with a file; supervisor returns it; coordinator amends; supervisor accepts and signs off; the matrix shows it", async () => {
    const title = "Shared decision making with a carer present";
    const coordinator = await newPage(ctx.browser);
    await signInOnce(coordinator, ctx.app.baseUrl, "coordinator@riverside-pcn.example", DEMO_PASSWORD);
    // A competency the demo seed leaves untouched, so it starts "not started".
    const competencyId = "com-3";
    await expect(coordinator.locator(`tr[data-competency="${competencyId}"] .nhsuk-tag`).textContent()).resolves.toBe(
      "Not started",
    );
    await coordinator.getByRole("link", { name: "Add evidence" }).first().click();
    await coordinator.getByLabel("Title").fill(title);
    await fillDate(coordinator, "Date of the activity", "2026-11-02");
    await coordinator.getByLabel("Type of evidence").selectOption({ label: "Reflective account" });
    await coordinator
      .getByLabel("What happened")
      .fill("I used a decision aid with the person and their daughter to compare two options.");
    await coordinator.getByLabel("What I learned").fill("Giving time for questions mattered more than the leaflet.");
    await coordinator.getByLabel("What I will do differently").fill("Offer the decision aid before the appointment.");
    await coordinator.locator(`input[name=competencyIds][value="${competencyId}"]`).check();
    await coordinator
      .getByLabel("Add files (optional)")
      .setInputFiles({ name: "decision-aid.pdf", mimeType: "application/pdf", buffer: PDF });
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole("button", { name: "Save draft" }).click();
    await coordinator.getByRole("heading", { name: title }).waitFor();
    await coordinator.getByRole("link", { name: "decision-aid.pdf" }).waitFor();
    await coordinator.getByRole("button", { name: "Submit for review" }).click();
    await coordinator.getByText("Submitted for review").waitFor();
    await expectNoAxeViolations(coordinator);

    const supervisor = await newPage(ctx.browser);
    await signInOnce(supervisor, ctx.app.baseUrl, "supervisor@riverside-pcn.example", DEMO_PASSWORD);
    await supervisor.getByRole("link", { name: /to review/ }).click();
    await expectNoAxeViolations(supervisor);
    await openEvidence(supervisor, title);
    await supervisor.getByLabel("Comment").fill("Please say what the person decided and why.");
    await supervisor.getByRole("button", { name: "Return with comments" }).click();
    await supervisor.getByText("Returned with your comments").waitFor();

    // The coordinator sees it came back, and why, from the home page and at the top of the evidence.
    await coordinator.goto(ctx.app.baseUrl + "/");
    await expect(coordinator.getByTestId("returned-evidence").textContent()).resolves.toContain(
      "Please say what the person decided and why.",
    );
    await coordinator.getByTestId("returned-evidence").getByRole("link", { name: title }).click();
    await coordinator.getByText("Please say what the person decided and why.", { exact: true }).waitFor();
    await coordinator.getByRole("link", { name: "Amend" }).click();
    await coordinator
      .getByLabel("What happened")
      .fill(
        "I used a decision aid with the person and their daughter. She chose to try the group first because it fitted her week.",
      );
    await coordinator.getByRole("button", { name: "Save changes" }).click();
    await coordinator.getByText("version 2").waitFor();
    await coordinator.getByRole("button", { name: "Submit for review" }).click();
    await coordinator.getByText("Submitted for review").waitFor();

    await supervisor.goto(ctx.app.baseUrl + "/review");
    await openEvidence(supervisor, title);
    await supervisor.getByLabel("Comment").fill("Clear account of the choice.");
    await supervisor.getByRole("button", { name: "Accept" }).click();
    await supervisor.getByText("Evidence accepted").waitFor();
    await supervisor.locator(`a[href$="/competencies/${competencyId}"]`).first().click();
    await supervisor.getByLabel("Comment").fill("Shows shared decision making with the person and carer.");
    await supervisor.getByRole("button", { name: "Sign off competency" }).click();
    await supervisor.getByText("Competency signed off").waitFor();

    await coordinator.goto(ctx.app.baseUrl + "/");
    const row = coordinator.locator(`tr[data-competency="${competencyId}"]`);
    await expect(row.locator(".nhsuk-tag").textContent()).resolves.toBe("Signed off");
    await expect(row.textContent()).resolves.toContain("Dr Tomos Evans");
    await expectNoAxeViolations(coordinator);

    // Withdrawing straight after signing off: the sign-off comment is not carried over as the reason, and a
    // reason is required.
    const reason = supervisor.getByLabel("Reason for withdrawing");
    await expect(reason.inputValue()).resolves.toBe("");
    await supervisor.getByRole("button", { name: "Withdraw sign-off" }).click();
    await supervisor
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "Enter the reason for withdrawing the sign-off" })
      .waitFor();
    await expect(supervisor.locator("#comment-error").textContent()).resolves.toContain(
      "Enter the reason for withdrawing the sign-off",
    );
    await expect(supervisor.getByText(/sign-off withdrawn by/).count()).resolves.toBe(0);
    await reason.fill("Signed off against the wrong competency.");
    await supervisor.getByRole("button", { name: "Withdraw sign-off" }).click();
    await supervisor.getByRole("alert").getByText("Sign-off withdrawn", { exact: true }).waitFor();
    await expect(supervisor.getByLabel("Comment").inputValue()).resolves.toBe("");
    await expectNoAxeViolations(supervisor);
  });

  it("amending accepted evidence keeps the accepted version as the record for the supervisor; a draft never submitted stays private", async () => {
    const title = "Shared decision making with a carer present";
    const coordinator = await newPage(ctx.browser);
    await signInOnce(coordinator, ctx.app.baseUrl, "coordinator@riverside-pcn.example", DEMO_PASSWORD);
    await coordinator.goto(ctx.app.baseUrl + "/evidence/new");
    await coordinator.getByLabel("Title").fill("Private notes not ready to share");
    await fillDate(coordinator, "Date of the activity", "2026-11-03");
    await coordinator.getByLabel("Type of evidence").selectOption({ label: "Reflective account" });
    await coordinator.getByLabel("What happened").fill("Half-written.");
    await coordinator.getByLabel("What I learned").fill("Half-written.");
    await coordinator.getByLabel("What I will do differently").fill("Half-written.");
    await coordinator.locator('input[name=competencyIds][value="com-3"]').check();
    await coordinator.getByRole("button", { name: "Save draft" }).click();
    await coordinator.getByRole("heading", { name: "Private notes not ready to share" }).waitFor();

    await coordinator.goto(ctx.app.baseUrl + "/");
    await coordinator.locator('a[href$="/competencies/com-3"]').first().click();
    await openEvidence(coordinator, title);
    await coordinator.getByRole("link", { name: "Amend (creates a new version)" }).click();
    await coordinator.getByLabel("Title").fill("Retitled while I rework it");
    await coordinator.getByRole("button", { name: "Save changes" }).click();
    await coordinator.getByText(/Version \d+ is your accepted record/).waitFor();

    const supervisor = await newPage(ctx.browser);
    await signInOnce(supervisor, ctx.app.baseUrl, "supervisor@riverside-pcn.example", DEMO_PASSWORD);
    await coordinator.goto(ctx.app.baseUrl + "/");
    const competencyHref = await coordinator.locator('a[href$="/competencies/com-3"]').first().getAttribute("href");
    await supervisor.goto(ctx.app.baseUrl + competencyHref!);
    const listed = supervisor.getByRole("listitem").filter({ has: supervisor.getByRole("link", { name: title }) });
    await expect(listed.textContent()).resolves.toMatch(/Accepted\s*Changes in progress/);
    await expect(supervisor.getByText("Retitled while I rework it").count()).resolves.toBe(0);
    await expect(supervisor.getByText("Private notes not ready to share").count()).resolves.toBe(0);
    await openEvidence(supervisor, title);
    await supervisor.getByText("is changing this evidence").waitFor();

    await supervisor.goto(ctx.app.baseUrl + competencyHref!.replace(/competencies\/com-3$/, "evidence"));
    await supervisor.getByRole("link", { name: title }).waitFor();
    await expect(supervisor.getByText("Private notes not ready to share").count()).resolves.toBe(0);
  });
});
