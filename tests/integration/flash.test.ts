import { describe, expect, it } from "vitest";
import * as root from "~/root";
import { redirectWithFlash } from "~/lib/flash.server";
import { load } from "./harness";

const ORIGIN = "http://127.0.0.1";

async function flashCookie(message: string): Promise<string> {
  const response = await redirectWithFlash(new Request(ORIGIN + "/x", { method: "POST" }), "/x", message);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

describe("success messages carried across a redirect", () => {
  it("the next page shows the message once: its answer clears the cookie", async () => {
    const cookie = await flashCookie("Arrangement ended");
    const page = await root.loader({
      request: new Request(ORIGIN + "/x", { headers: { Cookie: cookie } }),
      params: {},
      context: { clientAddress: "127.0.0.1" },
    });
    expect(page.data.flash).toEqual({ message: "Arrangement ended" });
    expect(new Headers(page.init?.headers).get("Set-Cookie")).toMatch(/^cp_flash=; Max-Age=0;/);
  });

  it("ignores a message it did not sign", async () => {
    const [name, value] = (await flashCookie("Arrangement ended")).split("=") as [string, string];
    const forged = Buffer.from(JSON.stringify({ message: "Your account is locked: call 0900 000 000" })).toString(
      "base64",
    );
    const signature = decodeURIComponent(value).split(".").pop();
    const outcome = await load(root.loader, "/x", {
      cookie: `${name}=${encodeURIComponent(`${forged}.${signature}`)}`,
    });
    expect(outcome.data.flash).toBeNull();
  });

  it("a page without a message shows none and sets no cookie", async () => {
    const page = await root.loader({
      request: new Request(ORIGIN + "/x"),
      params: {},
      context: { clientAddress: "127.0.0.1" },
    });
    expect(page.data.flash).toBeNull();
    expect(new Headers(page.init?.headers).get("Set-Cookie")).toBeNull();
  });
});
