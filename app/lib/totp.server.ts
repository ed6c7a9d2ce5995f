import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";

/**
 * Time-based one-time codes (RFC 6238) as authenticator apps expect them by default:
 * HMAC-SHA1, 6 digits, a new code every 30 seconds.
 */

const STEP_SECONDS = 30;
const CODE_DIGITS = 6;
const SECRET_BYTES = 20;
/** Codes from the step before and after are accepted too, for phone clocks a little off and slow typing. */
const ALLOWED_DRIFT_STEPS = 1;

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, the form authenticator apps take a key in. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff; // never more than 12 pending bits
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/** Accepts lower case, spaces and padding, as people copy keys in all those forms. */
export function base32Decode(text: string): Buffer {
  const cleaned = text.toUpperCase().replace(/[\s=]/g, "");
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of cleaned) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index === -1) throw new Error("Not a base32 key");
    value = ((value << 5) | index) & 0xfff; // never more than 12 pending bits
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

const stepAt = (atMs: number) => Math.floor(atMs / 1000 / STEP_SECONDS);

/** HOTP (RFC 4226): HMAC of the counter, dynamically truncated to a number of the given length. */
function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** digits).padStart(digits, "0");
}

/** The code an authenticator app shows at a moment. `digits` other than 6 is only for checking RFC test vectors. */
export function totpCode(secretB32: string, atMs: number, digits = CODE_DIGITS): string {
  return hotp(base32Decode(secretB32), stepAt(atMs), digits);
}

export type TotpResult = { ok: true; step: number } | { ok: false };

/**
 * Checks a 6-digit code against the current step and its neighbours. A step at or before `lastUsedStep`
 * is refused, so a code someone has seen over a shoulder cannot be used again. Store the returned step.
 */
export function verifyTotp(secretB32: string, code: string, atMs: number, lastUsedStep?: number): TotpResult {
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) return { ok: false };
  const key = base32Decode(secretB32);
  const current = stepAt(atMs);
  for (let step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
    if (lastUsedStep !== undefined && step <= lastUsedStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step, CODE_DIGITS)), Buffer.from(code))) return { ok: true, step };
  }
  return { ok: false };
}

/** The otpauth:// link a QR code carries, naming the service and account so the app labels the entry. */
export function totpUri(secretB32: string, accountEmail: string, issuer = "Care Portfolio"): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountEmail)}`;
  const query = [
    `secret=${secretB32}`,
    `issuer=${encodeURIComponent(issuer)}`,
    "algorithm=SHA1",
    `digits=${CODE_DIGITS}`,
    `period=${STEP_SECONDS}`,
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}

/** No 0/o, 1/l/i: a code written on paper can be read back without guessing. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_GROUPS = 3;
const RECOVERY_GROUP_LENGTH = 4;

function recoveryCode(): string {
  const groups = Array.from({ length: RECOVERY_GROUPS }, () =>
    Array.from({ length: RECOVERY_GROUP_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(
      "",
    ),
  );
  return groups.join("-");
}

/** One-use codes for when the phone is lost, shaped like `abcd-efgh-jkmn` (about 59 random bits each). */
export function generateRecoveryCodes(n = 10): string[] {
  return Array.from({ length: n }, recoveryCode);
}

/** What is stored for a recovery code; case, dashes and spaces do not matter when it is typed back. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[-\s]/g, "");
  return createHash("sha256").update(normalised).digest("hex");
}

export interface TotpSetup {
  /** The key, for the hidden field and for typing into an app by hand. */
  secret: string;
  /** The same key in groups of four, easier to read and type. */
  secretForReading: string;
  uri: string;
  /** The otpauth link as a QR code, drawn here on the server: no remote service ever sees the key. */
  qrSvg: string;
}

export async function totpSetup(secret: string, accountEmail: string): Promise<TotpSetup> {
  const uri = totpUri(secret, accountEmail);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, secretForReading: secret.replace(/(.{4})(?=.)/g, "$1 "), uri, qrSvg };
}
