import { afterEach, describe, expect, it, vi } from "vitest";
import { parseTrustProxy } from "~/lib/env.server";

describe("parseTrustProxy", () => {
  it("gives Express a hop count as a number, never the string it would read as an address", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
  });

  it("reads true, false and unset", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("TRUE")).toBe(true);
  });

  it("reads range names, addresses and CIDR ranges as a list", () => {
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8,192.168.1.4, fd00::/8, ::1")).toEqual([
      "loopback",
      "10.0.0.0/8",
      "192.168.1.4",
      "fd00::/8",
      "::1",
    ]);
  });

  it.each(["yes", "one", "10.0.0.0/33", "::1/129", "10.0.0/8", "10.0.0.1/8/2", "loopback,", "1.5", "-1", "100"])(
    "refuses %j",
    (raw) => {
      expect(parseTrustProxy(raw)).toBeNull();
    },
  );
});

describe("env()", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("a bad TRUST_PROXY stops with an error naming the variable", async () => {
    vi.stubEnv("TRUST_PROXY", "0.0.0.0/99");
    const { env, EnvError } = await import("~/lib/env.server");
    expect(env).toThrow(EnvError);
    expect(env).toThrow(/^TRUST_PROXY: "0\.0\.0\.0\/99" is not a number of proxy hops/);
  });

  it("a good one arrives parsed, with the body limit's default", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const { env } = await import("~/lib/env.server");
    expect(env().TRUST_PROXY).toBe(1);
    expect(env().FORM_BODY_LIMIT_KB).toBe(64);
  });

  it("email needs a sender and a base for links once SMTP_HOST is set, and the schedule must be a cron expression", async () => {
    vi.stubEnv("SMTP_HOST", "send.nhs.net");
    vi.stubEnv("NOTIFY_SCHEDULE", "every morning");
    const { env } = await import("~/lib/env.server");
    expect(env).toThrow(/SMTP_FROM: must be set when SMTP_HOST is set/);
    expect(env).toThrow(/PUBLIC_BASE_URL: must be set when SMTP_HOST is set/);
    expect(env).toThrow(/NOTIFY_SCHEDULE: is not a cron expression/);
  });

  it("reads the mail settings, with STARTTLS on 587 unless told otherwise", async () => {
    vi.stubEnv("SMTP_HOST", "send.nhs.net");
    vi.stubEnv("SMTP_FROM", "care-portfolio@nhs.net");
    vi.stubEnv("PUBLIC_BASE_URL", "https://portfolio.example-pcn.nhs.uk");
    vi.stubEnv("NOTIFY_SCHEDULE", "0 7 * * 1-5");
    const { env } = await import("~/lib/env.server");
    const { mailSettingsOf } = await import("~/lib/notify-settings.server");
    expect(mailSettingsOf(env())).toMatchObject({ host: "send.nhs.net", port: 587, security: "starttls" });
    expect(env().NOTIFY_SCHEDULE).toBe("0 7 * * 1-5");
  });
});
