import { describe, expect, it } from "vitest";
import { describeFinding, findPatientIdentifiers, type IdentifierKind } from "~/domain/patient-data-guard";

/** Builds a valid NHS number from nine digits, following the published modulus 11 method. */
function withCheckDigit(firstNine: string): string | null {
  const weighted = [...firstNine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const remainder = weighted % 11;
  if (remainder === 1) return null; // check digit would be 10: no valid number has this prefix
  return firstNine + String(remainder === 0 ? 0 : 11 - remainder);
}

const kinds = (text: string) => findPatientIdentifiers(text).map((finding) => finding.kind);
const matches = (text: string) => findPatientIdentifiers(text).map((finding) => finding.match);

describe("NHS numbers", () => {
  it("finds the published test number 943 476 5919 in any of its usual forms", () => {
    for (const written of ["943 476 5919", "943-476-5919", "9434765919"]) {
      expect(findPatientIdentifiers(`Patient ${written} was referred.`)).toEqual([
        { kind: "nhs-number", match: written, index: 8 },
      ]);
    }
  });

  it("finds numbers whose check digit is valid", () => {
    const prefixes = ["401023213", "485777345", "600000001", "999999999", "123456789", "450557710"];
    const numbers = prefixes.map(withCheckDigit).filter((n): n is string => n !== null);
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    for (const number of numbers) {
      const spaced = `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`;
      expect(kinds(`NHS no ${spaced}`)).toEqual(["nhs-number"]);
    }
  });

  it("ignores ten digits whose check digit is wrong", () => {
    expect(findPatientIdentifiers("Reference 943 476 5918 on file")).toEqual([]);
    expect(findPatientIdentifiers("Reference 9434765910")).toEqual([]);
  });

  it("ignores every completion of a prefix whose check digit would be 10", () => {
    const prefix = "100000001";
    expect(withCheckDigit(prefix)).toBeNull();
    for (let last = 0; last <= 9; last += 1) {
      expect(findPatientIdentifiers(`Number ${prefix}${last}`)).toEqual([]);
    }
  });

  it("does not read a number with mixed separators or longer digit runs as an NHS number", () => {
    expect(findPatientIdentifiers("943 476-5919")).toEqual([]);
    expect(findPatientIdentifiers("19434765919")).toEqual([]);
  });
});

describe("dates", () => {
  it.each([
    "12/03/1956",
    "12-03-1956",
    "12.03.1956",
    "1/3/1956",
    "12 March 1956",
    "12th Mar 1956",
    "3 sept 1956",
    "1956-03-12",
  ])("flags the full date %s", (date) => {
    expect(findPatientIdentifiers(`DOB ${date}, lives alone`)).toEqual([
      { kind: "date-of-birth", match: date, index: 4 },
    ]);
  });

  it("flags any full date, not only ones labelled as a birth date", () => {
    expect(kinds("Seen at home on 25/12/2024 with her daughter")).toEqual(["date-of-birth"]);
  });

  it("ignores impossible days and months and partial dates", () => {
    expect(findPatientIdentifiers("Scores 45/13/2024 and 32/01/2024")).toEqual([]);
    expect(findPatientIdentifiers("Reviewed on 12 March and again in March 2024")).toEqual([]);
    expect(findPatientIdentifiers("Rated 7/10 on the wellbeing star")).toEqual([]);
  });
});

describe("postcodes", () => {
  it.each(["SW1A 1AA", "m1 1ae", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "W1A 0AX", "LS11AA"])(
    "flags %s",
    (postcode) => {
      expect(matches(`Lives at ${postcode} near the park`)).toEqual([postcode]);
      expect(kinds(`Lives at ${postcode} near the park`)).toEqual(["postcode"]);
    },
  );

  it("does not mistake times or ordinary words for postcodes", () => {
    expect(findPatientIdentifiers("We met at 3pm, then again at 10am in room B12")).toEqual([]);
  });
});

describe("phone numbers", () => {
  it.each([
    "07700 900123",
    "07700900123",
    "07700 900 123",
    "020 7946 0958",
    "0161 496 0000",
    "01632 960000",
    "0300 123 4567",
    "(020) 7946 0958",
    "+44 7700 900123",
    "+447700900123",
    "+44 (0)20 7946 0958",
  ])("flags %s", (phone) => {
    expect(findPatientIdentifiers(`Call her on ${phone} after 5`)).toEqual([
      { kind: "phone", match: phone, index: 12 },
    ]);
  });

  it("ignores numbers that are too short or too long to be UK phone numbers", () => {
    expect(findPatientIdentifiers("Codes 0161 496 and 077009001234567")).toEqual([]);
  });
});

describe("ordinary reflective writing", () => {
  it.each([
    "I met the patient on Tuesday",
    "We spent 3 hours on the care plan",
    "In 2024 I completed the PCI course",
    "Version 1.2.3 of the framework, page 12, section 4.1",
    "She walks 5000 steps a day and has 2 grandchildren",
    "Discussed on 12 March at the MDT",
    "Cost £25.50 for 0.5 days",
  ])("does not flag %j", (text) => {
    expect(findPatientIdentifiers(text)).toEqual([]);
  });
});

describe("several identifiers together", () => {
  it("lists each once, in the order they appear", () => {
    const text = "Mr X (NHS 943 476 5919), born 01/02/1950, of M1 1AE, tel 0161 496 0000.";
    expect(findPatientIdentifiers(text).map(({ kind, match }) => [kind, match])).toEqual([
      ["nhs-number", "943 476 5919"],
      ["date-of-birth", "01/02/1950"],
      ["postcode", "M1 1AE"],
      ["phone", "0161 496 0000"],
    ]);
  });

  it("reports the position of each finding in the original text", () => {
    const text = "Tel 07700 900123 and DOB 3 May 1961";
    for (const finding of findPatientIdentifiers(text)) {
      expect(text.slice(finding.index, finding.index + finding.match.length)).toBe(finding.match);
    }
    expect(findPatientIdentifiers(text)).toHaveLength(2);
  });
});

describe("describeFinding", () => {
  it("gives each kind its own plain description", () => {
    const all: IdentifierKind[] = ["nhs-number", "date-of-birth", "postcode", "phone"];
    const descriptions = all.map(describeFinding);
    expect(new Set(descriptions).size).toBe(all.length);
    expect(describeFinding("nhs-number")).toBe("an NHS number");
    expect(describeFinding("date-of-birth")).toMatch(/date of birth/);
  });
});
