import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, startAppAndBrowser } from "./browser";
import { personId, signedInPage } from "./flows";

const ctx = startAppAndBrowser();

describe("supervision meetings a member of staff records", () => {
  it("wait for the supervisor, who confirms one from their home page; the status shows on the record", async () => {
    const email = "coordinator@riverside-pcn.example";
    const coordinator = await signedInPage(
      ctx.browser,
      ctx.app.baseUrl,
      email,
      `/people/${personId(ctx.app, email)}/supervision`,
    );
    await coordinator.getByLabel("Supervisor").selectOption({ label: "Dr Tomos Evans" });
    await fillDate(coordinator, "Date of the meeting", "2026-11-20");
    await coordinator.getByLabel("Length in minutes").fill("40");
    await coordinator.getByLabel("Face to face").check();
    await coordinator.getByLabel("Topics discussed").fill("Caseload and a new social prescribing pathway");
    await coordinator.getByLabel("Actions agreed").fill("None");
    await coordinator.getByRole("button", { name: "Record meeting" }).click();
    await coordinator.getByText("It counts towards supervision once your supervisor confirms it.").waitFor();
    // The form starts empty again after a successful post.
    await expect(coordinator.getByLabel("Topics discussed").inputValue()).resolves.toBe("");
    const row = coordinator.getByRole("row").filter({ hasText: "20 November 2026" });
    await expect(row.textContent()).resolves.toContain("Awaiting confirmation");
    await expectNoAxeViolations(coordinator);

    const supervisor = await signedInPage(ctx.browser, ctx.app.baseUrl, "supervisor@riverside-pcn.example");
    const panel = supervisor.getByTestId("meetings-to-confirm");
    await expect(panel.textContent()).resolves.toContain("1 supervision meeting to confirm");
    await expectNoAxeViolations(supervisor);
    await panel.getByRole("link", { name: /20 November 2026/ }).click();
    await supervisor.getByRole("heading", { name: "Supervision meeting on 20 November 2026" }).waitFor();
    // Disputing needs a reason.
    await supervisor.getByRole("button", { name: "Dispute meeting" }).click();
    await supervisor
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "Enter why you dispute this meeting" })
      .waitFor();
    await expectNoAxeViolations(supervisor);
    await supervisor.getByRole("button", { name: "Confirm meeting" }).click();
    await supervisor.getByText("Meeting confirmed", { exact: true }).waitFor();
    await expect(supervisor.getByRole("row").filter({ hasText: "20 November 2026" }).textContent()).resolves.toContain(
      "Confirmed",
    );

    await supervisor.goto(ctx.app.baseUrl + "/");
    await expect(supervisor.getByTestId("meetings-to-confirm").count()).resolves.toBe(0);
  });
});
