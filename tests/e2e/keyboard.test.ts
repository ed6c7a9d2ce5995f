/**
 * Keyboard alone: the supervisor's review (return, accept), sign-off and the lead's dashboard filter, using only
 * Tab, typing and Enter. After each action focus lands on the message saying what happened (or the error summary,
 * or the new page's heading), never on <body>; filter results are announced through a live region.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { emptyAcknowledged, PortfolioClient } from "../../scripts/lib/portfolio-client";
import { startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const ctx = startAppAndBrowser();

/** Presses Tab until the focused element matches the selector (and holds the text), as a keyboard user would. */
async function tabTo(page: Page, selector: string, text?: string) {
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate(
      ([sel, txt]) => {
        const el = document.activeElement;
        return Boolean(el?.matches(sel!) && (!txt || el.textContent?.includes(txt)));
      },
      [selector, text] as const,
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector} ${text ?? ""}`);
}

/** What has focus now: its tag, text and whether it is the confirmation, error summary or page heading. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement!;
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? "").trim(),
      role: el.getAttribute("role"),
      inMain: Boolean(el.closest("main")),
    };
  });

/** The text of the NHS success banner: its title, then the message. */
const successBanner = (message: string) => `Success${message}`;

async function waitForFocus(page: Page, selector: string) {
  await page.waitForFunction((sel) => document.activeElement?.matches(sel) ?? false, selector);
}

/**
 * Evidence the coordinator has added and submitted for review, over HTTP: adding and submitting it in the browser is
 * tested in evidence.test.ts and success-messages.test.ts. Gives the coordinator's session, to submit it again.
 */
async function submittedEvidence(competencyId: string) {
  const coordinator = new PortfolioClient(ctx.app.baseUrl, "coordinator@riverside-pcn.example");
  await coordinator.signIn();
  const id = await coordinator.addEvidence(emptyAcknowledged(), competencyId);
  expect(id).not.toBeNull();
  expect(await coordinator.moveEvidence(id!, "submit")).toBe(true);
  return { coordinator, id: id!, path: `/evidence/${id}` };
}

describe("with the keyboard alone", () => {
  it("a supervisor returns evidence, then accepts it and signs off the competency; focus follows each step", async () => {
    const evidence = await submittedEvidence("com-4");
    const supervisor = await signedInPage(
      ctx.browser,
      ctx.app.baseUrl,
      "supervisor@riverside-pcn.example",
      evidence.path,
    );

    // Return without a comment: the error summary takes focus and the title says there is an error.
    await tabTo(supervisor, "button", "Return with comments");
    await supervisor.keyboard.press("Enter");
    await waitForFocus(supervisor, ".nhsuk-error-summary");
    expect(await supervisor.title()).toMatch(/^Error: /);
    // Its link takes the keyboard to the comment box.
    await tabTo(supervisor, ".nhsuk-error-summary a");
    await supervisor.keyboard.press("Enter");
    await waitForFocus(supervisor, "textarea[name=comment]");
    await supervisor.keyboard.type("Say what the person chose.");
    await tabTo(supervisor, "button", "Return with comments");
    await supervisor.keyboard.press("Enter");
    await waitForFocus(supervisor, "[data-confirmation]");
    expect(await focused(supervisor)).toMatchObject({
      role: "alert",
      text: successBanner("Returned with your comments"),
      inMain: true,
    });
    expect(await supervisor.title()).not.toMatch(/^Error: /);
    // The next Tab goes on through the page, not to the footer.
    await supervisor.keyboard.press("Tab");
    expect((await focused(supervisor)).inMain).toBe(true);

    // The owner resubmits; the supervisor accepts with the keyboard.
    expect(await evidence.coordinator.moveEvidence(evidence.id, "submit")).toBe(true);
    await supervisor.goto(ctx.app.baseUrl + evidence.path);
    await tabTo(supervisor, "button", "Accept");
    await supervisor.keyboard.press("Enter");
    await waitForFocus(supervisor, "[data-confirmation]");
    expect(await focused(supervisor)).toMatchObject({ role: "alert", text: successBanner("Evidence accepted") });

    // Following a link moves focus to the new page's heading, so its name is read out.
    await tabTo(supervisor, 'main a[href$="/competencies/com-4"]');
    await supervisor.keyboard.press("Enter");
    await supervisor.waitForURL(/\/competencies\/com-4$/);
    await waitForFocus(supervisor, "main h1");
    expect(await supervisor.title()).toMatch(/ – Siân Williams – Care Portfolio$/);

    await tabTo(supervisor, "textarea[name=comment]");
    await supervisor.keyboard.type("Shows planning around what matters to the person.");
    await tabTo(supervisor, "button", "Sign off competency");
    await supervisor.keyboard.press("Enter");
    await waitForFocus(supervisor, "[data-confirmation]");
    expect(await focused(supervisor)).toMatchObject({ role: "alert", text: successBanner("Competency signed off") });
    await supervisor.context().close();
  });

  it("the lead filters the dashboard: the number of staff found is announced, and focus stays on the filter", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, "lead@riverside-pcn.example");
    await tabTo(lead, 'a[href="/dashboard"]');
    await lead.keyboard.press("Enter");
    await lead.waitForURL(/\/dashboard$/);
    await waitForFocus(lead, "main h1");
    const count = lead.getByRole("status").filter({ hasText: /members? of staff/ });
    expect(await count.textContent()).toMatch(/^\d+ members of staff$/);

    await tabTo(lead, "input[name=q]");
    await lead.keyboard.type("Jack");
    await tabTo(lead, "button", "Apply filters");
    await lead.keyboard.press("Enter");
    await lead.waitForURL(/q=Jack/);
    // The same live region, still in the page, now says how many match: screen readers announce the change.
    await count.filter({ hasText: "1 member of staff" }).waitFor();
    expect(await focused(lead)).toMatchObject({ tag: "button", text: "Apply filters" });
    await lead.context().close();
  });
});
