import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatHours } from "~/components/CpdHours";
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

describe("hours as people read them", () => {
  it("group thousands and keep at most two decimals", () => {
    expect(formatHours(780035)).toBe("780,035 h");
    expect(formatHours(1.5)).toBe("1.5 h");
    expect(formatHours(12)).toBe("12 h");
    expect(formatHours(2.125)).toBe("2.13 h");
    expect(formatHours(0)).toBe("0 h");
  });
});

describe("the UK date of a timestamp", () => {
  it("is the next day for a late summer evening in UTC", () => {
    expect(formatInstantDate("2026-07-01T23:30:00.000Z")).toBe("2 July 2026");
    expect(formatInstantDate("2026-12-01T23:30:00.000Z")).toBe("1 December 2026");
  });
});

describe("UK clock times worked out without Intl", () => {
  // What the timestamp reads on a UK clock, as Intl's time zone data has it.
  const intl = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  });
  function ukReading(instant: Date): string {
    const p = Object.fromEntries(intl.formatToParts(instant).map((part) => [part.type, part.value]));
    const hour = Number(p.hour);
    return `${p.day} ${p.month} ${p.year} at ${hour % 12 || 12}:${p.minute}${hour < 12 ? "am" : "pm"}`;
  }
  function expectAsIntl(instant: Date) {
    const iso = instant.toISOString();
    expect([iso, formatDateTime(iso)]).toEqual([iso, ukReading(instant)]);
  }

  it("read as Intl reads them, at any instant from 1900 to 2200", () => {
    const instants = fc.date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("2200-12-31T23:59:59Z"),
      noInvalidDate: true,
    });
    fc.assert(fc.property(instants, expectAsIntl), { numRuns: 3000 });
  });

  it("change at 1am UTC on the last Sundays of March and October, minute by minute around each change", () => {
    for (const change of [
      "2026-03-29T01:00:00Z",
      "2026-10-25T01:00:00Z",
      "2031-03-30T01:00:00Z",
      "2099-10-25T01:00:00Z",
    ])
      for (let minutes = -90; minutes <= 90; minutes++) expectAsIntl(new Date(Date.parse(change) + minutes * 60_000));
    expect(formatDateTime("2026-03-29T00:59:00.000Z")).toBe("29 March 2026 at 12:59am");
    expect(formatDateTime("2026-03-29T01:00:00.000Z")).toBe("29 March 2026 at 2:00am");
    expect(formatDateTime("2026-10-25T00:59:00.000Z")).toBe("25 October 2026 at 1:59am");
    expect(formatDateTime("2026-10-25T01:00:00.000Z")).toBe("25 October 2026 at 1:00am");
  });

  it("give the same text whatever the server's own time zone", () => {
    // Nothing here reads the process's zone: the same instant reads the same under TZ=UTC or TZ=America/New_York.
    expect(formatDateTime("2026-06-30T23:15:00.000Z")).toBe("1 July 2026 at 12:15am");
    expect(formatInstantDate("2026-12-31T23:59:59.000Z")).toBe("31 December 2026");
  });
});
