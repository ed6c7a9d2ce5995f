import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatInstantDate } from "~/domain/format";

describe("dates as people read them", () => {
  it("writes calendar dates the NHS way", () => {
    expect(formatDate("2026-04-11")).toBe("11 April 2026");
    expect(formatDate("2024-02-29")).toBe("29 February 2024");
    expect(formatDate(null)).toBe("");
  });

  it("shows timestamps in UK time, including British Summer Time", () => {
    expect(formatDateTime("2026-11-25T14:39:00.000Z")).toBe("25 November 2026 at 2:39pm");
    expect(formatDateTime("2026-07-01T23:30:00.000Z")).toBe("2 July 2026 at 12:30am");
  });
});

describe("the UK date of a timestamp", () => {
  it("is the next day for a late summer evening in UTC", () => {
    expect(formatInstantDate("2026-07-01T23:30:00.000Z")).toBe("2 July 2026");
    expect(formatInstantDate("2026-12-01T23:30:00.000Z")).toBe("1 December 2026");
  });
});
