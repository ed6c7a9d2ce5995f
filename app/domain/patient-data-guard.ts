/**
 * Spots text that looks like it identifies a patient, so reflective writing and case studies can be
 * checked before they are saved. It is a prompt for the author, not a guarantee: names and other
 * free-text details cannot be recognised reliably and are left to the author's judgement.
 */

export type IdentifierKind = "nhs-number" | "date-of-birth" | "postcode" | "phone";

export interface IdentifierFinding {
  kind: IdentifierKind;
  match: string;
  index: number;
}

interface Detector {
  kind: IdentifierKind;
  pattern: RegExp;
  /** Extra checks a regular expression cannot express. */
  accepts?: (groups: RegExpExecArray) => boolean;
}

/** NHS numbers end in a modulus 11 check digit over the first nine digits, weighted 10 down to 2. */
function hasValidCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let position = 0; position < 9; position += 1) sum += Number(digits[position]) * (10 - position);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const isDay = (day: string | undefined) => Number(day) >= 1 && Number(day) <= 31;
const isMonth = (month: string | undefined) => Number(month) >= 1 && Number(month) <= 12;

// Order matters: where two detectors match the same characters, the earlier one wins.
const DETECTORS: Detector[] = [
  {
    // 10 digits, optionally split 3-3-4 by spaces or dashes (the same separator both times).
    kind: "nhs-number",
    pattern: /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{4}(?![\d-])/g,
    accepts: ([match]) => hasValidCheckDigit(match.replace(/\D/g, "")),
  },
  {
    // Any full date: an anonymised case study should not carry a patient's exact dates.
    kind: "date-of-birth",
    pattern: /(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2\d{4}(?!\d)/g,
    accepts: (groups) => isDay(groups[1]) && isMonth(groups[3]),
  },
  {
    kind: "date-of-birth",
    pattern:
      /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+\d{4}\b/gi,
    accepts: (groups) => isDay(groups[1]),
  },
  {
    kind: "date-of-birth",
    pattern: /(?<![\d-])\d{4}-(\d{2})-(\d{2})(?![\d-])/g,
    accepts: (groups) => isMonth(groups[1]) && isDay(groups[2]),
  },
  {
    // Full UK postcode (outward code, optional space, inward code) using the letters Royal Mail allows.
    kind: "postcode",
    pattern: /\b[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2}\b/gi,
  },
  {
    // UK numbers starting 01, 02, 03 or 07, written nationally or with +44, digits optionally spaced.
    kind: "phone",
    pattern: /(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|\(?0)[1237](?:[ )]{0,2}\d){8,9}(?!\d)/g,
  },
];

function overlaps(a: IdentifierFinding, b: IdentifierFinding): boolean {
  return a.index < b.index + b.match.length && b.index < a.index + a.match.length;
}

/** Everything in `text` that looks like a patient identifier, in the order it appears. */
export function findPatientIdentifiers(text: string): IdentifierFinding[] {
  const findings: IdentifierFinding[] = [];
  for (const { kind, pattern, accepts } of DETECTORS) {
    for (const groups of text.matchAll(pattern)) {
      const finding = { kind, match: groups[0], index: groups.index };
      if ((accepts?.(groups) ?? true) && !findings.some((earlier) => overlaps(earlier, finding)))
        findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

const DESCRIPTIONS: Record<IdentifierKind, string> = {
  "nhs-number": "an NHS number",
  "date-of-birth": "a full date, which could be a date of birth",
  postcode: "a postcode",
  phone: "a phone number",
};

/** Words for a finding, to complete a sentence such as "This looks like …". */
export function describeFinding(kind: IdentifierKind): string {
  return DESCRIPTIONS[kind];
}
