import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateField, datePartsInError, datePartsOf, optionalDateField, parseForm, pastDate } from "~/forms/fields";
import { todayInLondon } from "~/domain/training-status";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const schema = z.object({
  metOn: dateField("date of the meeting", { past: true }),
  startDate: optionalDateField("start date"),
});
const parse = (fields: Record<string, string>) => parseForm(schema, form(fields));

describe("the date field reads the NHS date input's three boxes", () => {
  it("joins day, month and year into one date, with or without leading zeros", () => {
    expect(parse({ "metOn-day": "7", "metOn-month": "3", "metOn-year": "2026" })).toMatchObject({
      ok: true,
      data: { metOn: "2026-03-07", startDate: null },
    });
    expect(
      parse({
        "metOn-day": "07",
        "metOn-month": "03",
        "metOn-year": "2026",
        "startDate-day": " 1 ",
        "startDate-month": "12",
        "startDate-year": "2030",
      }),
    ).toMatchObject({
      ok: true,
      data: { metOn: "2026-03-07", startDate: "2030-12-01" },
    });
  });

  it.each([
    [{}, "Enter the date of the meeting"],
    [{ "metOn-day": "", "metOn-month": "", "metOn-year": "" }, "Enter the date of the meeting"],
    [{ "metOn-day": "29", "metOn-month": "2", "metOn-year": "2026" }, "The date of the meeting must be a real date"],
    [{ "metOn-day": "1", "metOn-month": "13", "metOn-year": "2026" }, "The date of the meeting must be a real date"],
    [
      { "metOn-day": "1", "metOn-month": "1", "metOn-year": "1999" },
      "The date of the meeting must be on or after 1 January 2000",
    ],
    [
      { "metOn-day": "1", "metOn-month": "1", "metOn-year": "2999" },
      "The date of the meeting must be today or in the past",
    ],
    [{ "metOn-day": "1", "metOn-month": "1", "metOn-year": "20260" }, "Year must include 4 numbers"],
    [{ "metOn-day": "one", "metOn-month": "1", "metOn-year": "2026" }, "The date of the meeting must be a real date"],
    [{ "metOn-day": "1", "metOn-year": "2026" }, "The date of the meeting must include a month"],
    [{ metOn: "yesterday" }, "The date of the meeting must be a real date"],
  ])("%j → %s", (fields, message) => {
    const result = parse(fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.metOn).toBe(message);
  });

  it("still takes one YYYY-MM-DD value (scripts), with the same checks", () => {
    expect(parse({ metOn: "2026-03-07" })).toMatchObject({ ok: true, data: { metOn: "2026-03-07" } });
    expect(parse({ metOn: "2026-02-31" })).toMatchObject({
      ok: false,
      errors: { metOn: "The date of the meeting must be a real date" },
    });
  });
});

describe("which boxes turn red", () => {
  it.each([
    [{ day: "x", month: "3", year: "2026" }, ["day"]],
    [{ day: "3", month: "", year: "26" }, ["month", "year"]],
    [{ day: "31", month: "2", year: "2026" }, ["day"]],
    [{ day: "1", month: "1", year: "1899" }, ["day", "month", "year"]],
  ])("%j → %j", (parts, wrong) => {
    expect(datePartsInError(parts)).toEqual(wrong);
  });

  it("boxes are filled from what was typed, or from a stored date", () => {
    expect(datePartsOf({ "metOn-day": "x", "metOn-month": "", "metOn-year": "2026" }, "metOn")).toEqual({
      day: "x",
      month: "",
      year: "2026",
    });
    expect(datePartsOf({ metOn: "2026-03-07" }, "metOn")).toEqual({ day: "7", month: "3", year: "2026" });
    expect(datePartsOf(undefined, "metOn")).toEqual({ day: "", month: "", year: "" });
  });
});

describe("pastDate", () => {
  it("takes today and refuses tomorrow", () => {
    const today = todayInLondon(new Date());
    const [y, m, d] = today.split("-");
    const tomorrow = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + 1)).toISOString().slice(0, 10);
    const date = pastDate("date of the activity");
    expect(date.parse(today)).toBe(today);
    expect(date.safeParse(tomorrow).error?.issues[0]?.message).toBe(
      "The date of the activity must be today or in the past",
    );
  });
});
