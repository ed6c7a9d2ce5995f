import { describe, expect, it } from "vitest";
import { appraisalYear, appraisalYearOf } from "~/domain/appraisal-year";

describe("appraisalYear (April start by default)", () => {
  it("puts 31 March in the year that is ending", () => {
    expect(appraisalYear("2026-03-31")).toEqual({ start: "2025-04-01", end: "2026-03-31", label: "2025/26" });
  });

  it("puts 1 April in the year that is starting", () => {
    expect(appraisalYear("2026-04-01")).toEqual({ start: "2026-04-01", end: "2027-03-31", label: "2026/27" });
  });

  it("keeps New Year's Eve and New Year's Day in the same year", () => {
    expect(appraisalYear("2026-12-31").label).toBe("2026/27");
    expect(appraisalYear("2027-01-01").label).toBe("2026/27");
  });

  it("labels the year across a century with two digits", () => {
    expect(appraisalYear("2099-06-01").label).toBe("2099/00");
    expect(appraisalYear("2009-06-01").label).toBe("2009/10");
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => appraisalYear("31/03/2026")).toThrow(RangeError);
  });
});

describe("appraisalYear with another start month", () => {
  it("uses plain calendar years for a January start", () => {
    expect(appraisalYear("2026-01-01", 1)).toEqual({ start: "2026-01-01", end: "2026-12-31", label: "2026" });
    expect(appraisalYear("2025-12-31", 1)).toEqual({ start: "2025-01-01", end: "2025-12-31", label: "2025" });
  });

  it("ends on 29 February when a March-start year runs into a leap year", () => {
    expect(appraisalYear("2027-05-01", 3)).toEqual({ start: "2027-03-01", end: "2028-02-29", label: "2027/28" });
    expect(appraisalYear("2026-05-01", 3).end).toBe("2027-02-28");
  });

  it("splits at the start month for an October start", () => {
    expect(appraisalYear("2026-09-30", 10).label).toBe("2025/26");
    expect(appraisalYear("2026-10-01", 10).label).toBe("2026/27");
  });

  it.each([0, 13, 4.5])("refuses start month %d", (month) => {
    expect(() => appraisalYear("2026-05-01", month)).toThrow(RangeError);
    expect(() => appraisalYearOf("2026/27", month)).toThrow(RangeError);
  });
});

describe("appraisalYearOf", () => {
  it("finds the period a label names", () => {
    expect(appraisalYearOf("2026/27")).toEqual({ start: "2026-04-01", end: "2027-03-31", label: "2026/27" });
    expect(appraisalYearOf("2026", 1)).toEqual({ start: "2026-01-01", end: "2026-12-31", label: "2026" });
    expect(appraisalYearOf("2099/00")?.end).toBe("2100-03-31");
  });

  it.each(["2026/28", "2026-27", "26/27", "2026/2027", " 2026/27", "2026", "", "abcd/ef", "0099/00"])(
    "does not accept %j for an April start",
    (label) => {
      expect(appraisalYearOf(label)).toBeNull();
    },
  );

  it("does not accept a split-year label for a January start", () => {
    expect(appraisalYearOf("2026/27", 1)).toBeNull();
  });

  it("round-trips: every day of a year maps to a label that names that same year", () => {
    const year = appraisalYearOf("2027/28");
    expect(year).not.toBeNull();
    for (const day of ["2027-04-01", "2027-09-15", "2028-02-29", "2028-03-31"]) {
      expect(appraisalYear(day)).toEqual(year);
    }
    expect(appraisalYear("2028-04-01")).not.toEqual(year);
  });
});
