/**
 * An authenticator app for the browser tests, written from RFC 6238 independently of the app's own code, so a
 * mistake there cannot make these tests agree with it.
 */
import { createHmac } from "node:crypto";
import type { Page } from "playwright-core";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const stepAt = (atMs: number) => Math.floor(atMs / 30_000);

export function totpForStep(secretBase32: string, step: number): string {
  const bits = [...secretBase32.replace(/[\s=]/g, "").toUpperCase()]
    .map((c) => BASE32.indexOf(c).toString(2).padStart(5, "0"))
    .join("");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The code the app would show now, or for the next step if now's was the last one used (it would be refused). */
export function codeAfter(secretBase32: string, lastUsedStep: number): string {
  return totpForStep(secretBase32, Math.max(lastUsedStep + 1, stepAt(Date.now())));
}

/**
 * Sets up two-step sign-in on the page as a person would: reads the key shown, enters the current code, and
 * returns the key, the step whose code was used (it cannot be used again) and the recovery codes shown once.
 */
export async function turnOnTwoStep(page: Page) {
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  const step = stepAt(Date.now());
  await page.getByLabel("6-digit code").fill(totpForStep(secret, step));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("heading", { name: "Two-step sign-in is on" }).waitFor();
  const recoveryCodes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  return { secret, step, recoveryCodes };
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in\?signedOut=1/);
}

/** Email and password, ending on the page that asks for the security code. */
export async function signInToCodePage(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(baseUrl + "/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/sign-in\/two-factor/);
  await page.getByRole("heading", { name: "Enter your security code" }).waitFor();
}

export async function enterCode(page: Page, code: string) {
  await page.getByLabel("Security code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}
