import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  boundedNumber,
  emailAddress,
  idFromList,
  invalid,
  NUL_MESSAGE,
  oneOf,
  oneOfLabelled,
  optionalBoundedNumber,
  optionalIdFromList,
  optionalOneOf,
  optionalSingleLine,
  optionalText,
  parseForm,
  passwordEntered,
  recordId,
  refusalOf,
  requiredText,
  singleLine,
  someOf,
} from "~/forms/fields";

const name = singleLine("Enter a name", "Name", 200);

describe("singleLine", () => {
  it("keeps ordinary names, accents and apostrophes, trimmed", () => {
    expect(name.parse("  Siân O'Connor-Évans ")).toBe("Siân O'Connor-Évans");
    expect(name.parse("Zoë Clarke")).toBe("Zoë Clarke");
  });

  it.each([
    ["a line break", "Jack\nThompson"],
    ["a tab", "Jack\tThompson"],
    ["a bell", "Jack\u0007"],
    ["a C1 control", "Jack\u0085Thompson"],
    ["a right-to-left override", "Jack \u202eanosrep"],
    ["a left-to-right isolate", "\u2066Jack\u2069 Thompson"],
    ["a right-to-left mark", "Jack\u200f Thompson"],
    ["an Arabic letter mark", "Jack\u061c"],
  ])("refuses %s", (_what, input) => {
    const result = name.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("Name must be on one line, without hidden or control characters");
  });

  it("still says what is missing or too long", () => {
    expect(name.safeParse("  ").error!.issues[0]!.message).toBe("Enter a name");
    expect(name.safeParse("a".repeat(201)).error!.issues[0]!.message).toBe("Name must be 200 characters or fewer");
  });

  it("optional single lines turn blank into null and refuse the same characters", () => {
    const provider = optionalSingleLine("Provider", 200);
    expect(provider.parse("")).toBeNull();
    expect(provider.parse(undefined)).toBeNull();
    expect(provider.safeParse("Health\u202eEducation").success).toBe(false);
  });

  it("multi-line text keeps its line breaks", () => {
    expect(requiredText("Enter topics", "Topics", 100).parse("One\nTwo")).toBe("One\nTwo");
  });
});

describe("emailAddress", () => {
  const email = emailAddress();
  it.each(["lead@riverside-pcn.example", "firstname.lastname@nhs.net", "liam.o'connor@nhs.net", " Sam.Jones@NHS.net "])(
    "accepts %j",
    (input) => {
      expect(email.safeParse(input).success).toBe(true);
    },
  );

  it.each([
    `lead@riverside-pcn.example¿'"(`,
    "lead@riverside-pcn",
    "lead riverside@nhs.net",
    "lead@@nhs.net",
    "<lead@nhs.net>",
    "lead@nhs.net\u0000",
    "@nhs.net",
  ])("refuses %j as not an address", (input) => {
    const result = email.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("Enter an email address in the correct format, like name@nhs.net");
  });
});

describe("parseForm refuses NUL in every field", () => {
  const schema = z.object({ title: name, notes: z.string().optional(), password: z.string() });

  it.each(["title", "notes", "password"])(
    "in %s, with a field error and without the NUL in what is refilled",
    (field) => {
      const form = new FormData();
      form.set("title", "A title");
      form.set("notes", "Some notes");
      form.set("password", "secret words");
      form.set(field, `before\u0000after`);
      const result = parseForm(schema, form);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[field]).toBe(NUL_MESSAGE);
      expect(result.values[field]).toBe("beforeafter");
    },
  );

  it("passes a clean form", () => {
    const form = new FormData();
    form.set("title", "A title");
    form.set("password", "p");
    expect(parseForm(schema, form)).toEqual({ ok: true, data: { title: "A title", password: "p" } });
  });
});

const messageOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe("boundedNumber", () => {
  const rules = { notNumber: "Not a number", min: 0.25, tooSmall: "Too small", max: 100, tooBig: "Too big" };
  const hours = boundedNumber("Enter the hours", rules);

  it.each([
    ["1.5", 1.5],
    [" 2 ", 2],
    [".5", 0.5],
    ["0.25", 0.25],
    ["100", 100],
    ["1.333", 1.33],
  ])("reads %j as %d", (input, expected) => {
    expect(hours.parse(input)).toBe(expected);
  });

  it.each([
    ["", "Enter the hours"],
    [undefined, "Enter the hours"],
    ["two", "Not a number"],
    ["-1", "Not a number"],
    ["1e2", "Not a number"],
    ["0.1", "Too small"],
    ["100.5", "Too big"],
  ])("refuses %j: %s", (input, message) => {
    expect(messageOf(hours, input)).toBe(message);
  });

  it("refuses fractions when whole numbers are asked for", () => {
    const minutes = boundedNumber("Enter the minutes", { ...rules, min: 5, max: 600, whole: true });
    expect(minutes.parse("45")).toBe(45);
    expect(messageOf(minutes, "45.5")).toBe("Not a number");
  });

  it("may be left blank when optional, and is still checked when not", () => {
    const fte = optionalBoundedNumber({ ...rules, min: 0.05, max: 1 });
    expect(fte.parse(undefined)).toBeNull();
    expect(fte.parse("  ")).toBeNull();
    expect(fte.parse("0.6")).toBe(0.6);
    expect(messageOf(fte, "1.2")).toBe("Too big");
    expect(messageOf(fte, "0")).toBe("Too small");
    expect(messageOf(fte, "most")).toBe("Not a number");
  });
});

describe("choices from a list", () => {
  it("oneOf takes only a listed value", () => {
    const mode = oneOf(["face-to-face", "virtual"], "Select how you met");
    expect(mode.parse("virtual")).toBe("virtual");
    expect(messageOf(mode, "phone")).toBe("Select how you met");
    expect(messageOf(mode, undefined)).toBe("Select how you met");
  });

  it("oneOfLabelled takes the keys of a labels record, never its labels", () => {
    const type = oneOfLabelled({ course: "Course", reading: "Reading" }, "Select the type");
    expect(type.parse("reading")).toBe("reading");
    expect(messageOf(type, "Reading")).toBe("Select the type");
  });

  it("optionalOneOf turns blank into null and refuses anything not listed", () => {
    const jobRole = optionalOneOf(["coach", "link-worker"], "Select a job role from the list");
    expect(jobRole.parse("")).toBeNull();
    expect(jobRole.parse(undefined)).toBeNull();
    expect(jobRole.parse("coach")).toBe("coach");
    expect(messageOf(jobRole, "surgeon")).toBe("Select a job role from the list");
  });

  it("someOf keeps listed ticks once each, refuses others, and can require one", () => {
    const ticks = someOf(["a", "b"], "Select from the list");
    expect(ticks.parse([])).toEqual([]);
    expect(ticks.parse(["a", "b", "a"])).toEqual(["a", "b"]);
    expect(messageOf(ticks, ["a", "z"])).toBe("Select from the list");
    const required = someOf(["a", "b"], "Select from the list", "Select at least one");
    expect(messageOf(required, [])).toBe("Select at least one");
    expect(required.parse(["b"])).toEqual(["b"]);
  });
});

describe("ids", () => {
  it("recordId takes a whole number above zero, and nothing else", () => {
    const id = recordId("Select a person");
    expect(id.parse("42")).toBe(42);
    expect(id.parse(" 7 ")).toBe(7);
    for (const bad of ["", "0", "-3", "1.5", "1 or 1=1", "05", "12345678901", undefined])
      expect(messageOf(id, bad)).toBe("Select a person");
  });

  it("idFromList takes only the ids the page offered", () => {
    const supervisor = idFromList([3, 8], "Select the supervisor you met");
    expect(supervisor.parse("8")).toBe(8);
    expect(messageOf(supervisor, "4")).toBe("Select the supervisor you met");
    expect(messageOf(supervisor, "")).toBe("Select the supervisor you met");
  });

  it("optionalIdFromList turns blank into null", () => {
    const pcn = optionalIdFromList([1, 2], "Select a PCN from the list");
    expect(pcn.parse("")).toBeNull();
    expect(pcn.parse(undefined)).toBeNull();
    expect(pcn.parse("2")).toBe(2);
    expect(messageOf(pcn, "9")).toBe("Select a PCN from the list");
    expect(messageOf(pcn, "two")).toBe("Select a PCN from the list");
  });
});

describe("text and passwords", () => {
  it("optionalText turns blank into null and says when it is too long", () => {
    const note = optionalText("Note", 10);
    expect(note.parse("  ")).toBeNull();
    expect(note.parse(" Seen it \n")).toBe("Seen it");
    expect(messageOf(note, "a".repeat(11))).toBe("Note must be 10 characters or fewer");
  });

  it("requiredText says what is missing", () => {
    expect(messageOf(requiredText("Enter the topics", "Topics", 10), " ")).toBe("Enter the topics");
  });

  it("passwordEntered keeps spaces, and asks when blank", () => {
    const current = passwordEntered("Enter your password");
    expect(current.parse(" pass words ")).toBe(" pass words ");
    expect(messageOf(current, "")).toBe("Enter your password");
    expect(messageOf(current, undefined)).toBe("Enter your password");
  });
});

describe("the form result", () => {
  it("invalid answers 400 with the errors and what was typed", () => {
    const response = invalid({ email: "Enter an email address" }, { email: "" });
    expect(response.init?.status).toBe(400);
    expect(response.data).toEqual({ errors: { email: "Enter an email address" }, values: { email: "" } });
  });

  it("refusalOf gives a refused form's errors and values back, and nothing for other action data", () => {
    const refused = { errors: { title: "Enter a title" }, values: { title: "" }, certificate: null };
    expect(refusalOf(refused)).toEqual({ errors: { title: "Enter a title" }, values: { title: "" } });
    expect(refusalOf({ done: "Saved" })).toEqual({});
    expect(refusalOf(undefined)).toEqual({});
  });
});
