import { describe, expect, it } from "vitest";
import { errorLogLine } from "~/lib/error-log.server";

const where = { method: "POST", path: "/people/12/edit", requestId: "0b6c3a52-5c3e-4b43-9d0e-2a3c8d9f1e11" };

describe("errorLogLine", () => {
  it("is one line of JSON saying where and what, without the stack", () => {
    const error = new TypeError("Cannot read properties of undefined\n(reading 'name')");
    error.stack =
      "TypeError: boom\n    at node_modules/react/x.js:1:1\n    at loader (file:///srv/app/build/server/index.js:10:5)\n    at next (node:internal/x:1:1)";
    const line = errorLogLine(error, where, new Date("2026-11-26T00:00:00Z"));
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      time: "2026-11-26T00:00:00.000Z",
      level: "error",
      requestId: where.requestId,
      method: "POST",
      route: "/people/12/edit",
      error: "TypeError",
      message: "Cannot read properties of undefined (reading 'name')",
      at: "loader (file:///srv/app/build/server/index.js:10:5)",
    });
  });

  it("cuts a long message short and copes with things that are not errors", () => {
    expect(JSON.parse(errorLogLine(new Error("x".repeat(5000)), where)).message).toHaveLength(300);
    expect(JSON.parse(errorLogLine("thrown string", where))).toMatchObject({
      error: "string",
      message: "thrown string",
      at: null,
    });
  });
});
