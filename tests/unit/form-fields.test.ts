import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailAddress, NUL_MESSAGE, optionalSingleLine, parseForm, requiredText, singleLine } from "~/forms/fields";

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
