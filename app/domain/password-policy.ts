/**
 * What makes a new password acceptable: long enough, and hard enough to guess by a strength estimate that knows
 * common passwords, words, names, patterns and the person's own details. No composition rules ("one capital, one
 * symbol"): they push people to predictable patterns.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; the cap only stops someone making the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;
/**
 * zxcvbn's scale: 3 means about 10^8 guesses or more, "safely unguessable" against online guessing and some
 * protection if the password hashes were ever stolen (scrypt makes each guess slow).
 */
export const MIN_STRENGTH_SCORE = 3;

const APP_NAME = "Care Portfolio";
/** Fewer characters than this left once the person's own details are taken out, and the rest is easy to guess. */
const MIN_CHARACTERS_BEYOND_OWN_DETAILS = 8;

export const PERSONAL_DETAILS_WARNING =
  "It uses your name, your email address, your PCN's name or the name of this service.";

export type StrengthEstimate = { score: number; warning: string | null };

export type PasswordContext = { email?: string; name?: string; pcnName?: string | null };

export type PasswordCheckOptions = PasswordContext & {
  /** How guessable a password is, given words an attacker would try first for this person. */
  estimate: (password: string, contextWords: readonly string[]) => StrengthEstimate;
};

/** Counts what a person sees as characters closely enough: an emoji is one, not two UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

/** Letters and digits only, lowercased, so "Jane Smith" and "janesmith" compare equal. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function isOwnDetail(password: string, email: string | undefined, name: string | undefined): boolean {
  const emailLocalPart = email?.split("@")[0];
  const candidate = comparable(password);
  return [email, emailLocalPart, name].some((detail) => {
    const own = detail ? comparable(detail) : "";
    return own !== "" && own === candidate;
  });
}

/**
 * Words someone guessing this person's password would try first: their name and email, their PCN's name and this
 * service's name, whole, run together and word by word.
 */
export function contextWords({ email, name, pcnName }: PasswordContext): string[] {
  const phrases = [APP_NAME, name, pcnName, email, email?.split("@")[0]].filter((p): p is string => Boolean(p));
  const words = phrases.flatMap((p) => [p, comparable(p), ...p.split(/[^\p{L}\p{N}]+/u)]);
  return [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length >= 3))];
}

/**
 * How many characters are the person's own, once their details and this service's name are taken out: the
 * strength estimate scores "Riverside-Health-2026" well, but to someone at Riverside Health PCN it is "2026".
 */
function charactersBeyondOwnDetails(password: string, words: readonly string[]): number {
  let rest = password.toLowerCase();
  for (const word of [...words].sort((a, b) => b.length - a.length)) rest = rest.split(word).join("");
  return [...rest.replace(/\s/g, "")].length;
}

const easyToGuess = (warning: string | null) =>
  [
    "This password would be easy to guess.",
    warning,
    "Choose a different one: 3 or 4 random words together make a strong password that is easy to remember.",
  ]
    .filter(Boolean)
    .join(" ");

/** The error to show for a proposed password, or null when it can be used. */
export function checkPassword(password: string, opts: PasswordCheckOptions): string | null {
  const length = characterCount(password);
  if (length === 0) return "Enter a password";
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (length > MAX_PASSWORD_LENGTH)
    return `Password must be ${MAX_PASSWORD_LENGTH.toLocaleString("en-GB")} characters or fewer`;
  if (isOwnDetail(password, opts.email, opts.name)) return "Password must not be your name or email address";
  const words = contextWords(opts);
  if (charactersBeyondOwnDetails(password, words) < MIN_CHARACTERS_BEYOND_OWN_DETAILS)
    return easyToGuess(PERSONAL_DETAILS_WARNING);
  const { score, warning } = opts.estimate(password, words);
  return score < MIN_STRENGTH_SCORE ? easyToGuess(warning) : null;
}
