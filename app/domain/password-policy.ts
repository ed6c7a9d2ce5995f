/**
 * What makes a new password acceptable. Length and a common-password check only: composition rules
 * ("one capital, one symbol") push people to predictable patterns, so there are none.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; the cap only stops someone making the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordCheckOptions = {
  /** Whether a lowercased password is on a list of common or breached passwords. */
  isCommon: (lowercasedPassword: string) => boolean;
  email?: string;
  name?: string;
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

/** The error to show for a proposed password, or null when it can be used. */
export function checkPassword(password: string, opts: PasswordCheckOptions): string | null {
  const length = characterCount(password);
  if (length === 0) return "Enter a password";
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH.toLocaleString("en-GB")} characters or fewer`;
  if (isOwnDetail(password, opts.email, opts.name)) return "Password must not be your name or email address";
  if (opts.isCommon(password.toLowerCase())) {
    return "This password is too common and easy to guess. Choose a different password, for example 3 random words";
  }
  return null;
}
