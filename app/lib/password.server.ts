import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { env } from "./env.server";

/**
 * Passwords are stored as `scrypt$N$r$p$saltB64$hashB64`. Keeping the parameters in each hash lets us raise
 * the cost later: old hashes still verify, and needsRehash says when to replace one after a successful sign-in.
 */

type ScryptParams = { N: number; r: number; p: number };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const BLOCK_SIZE = 8;
/**
 * OWASP's N = 2^15, r = 8, p = 3 (with the default cost): as hard to guess against as N = 2^17, p = 1, in a quarter
 * of the memory (32 MiB a hash), because the three lanes run one after another over the same memory (ADR 0023).
 */
const PARALLELISM = 3;
/** A stored hash asking for more memory than this is refused rather than allowed to exhaust the server. */
const MAX_SCRYPT_MEMORY_BYTES = 2 ** 30;
/**
 * What the hashes running at once in one process may take between them: two of today's, or one older 128 MiB one
 * (a hash bigger than this runs alone). Node would otherwise run four at once, one per libuv thread.
 */
const HASHING_MEMORY_BYTES = 64 * 2 ** 20;

/** The cost for new hashes, from PASSWORD_HASH_COST_LOG2 (checked with the other settings). */
function currentParams(): ScryptParams {
  return { N: 2 ** env().PASSWORD_HASH_COST_LOG2, r: BLOCK_SIZE, p: PARALLELISM };
}

const scryptMemory = ({ N, r }: ScryptParams) => 128 * N * r;

let hashingMemory = 0;
const waitingHashes: { bytes: number; start: () => void }[] = [];

/** Starts waiting hashes in the order they came while they fit in the budget, and always one when none runs. */
function startWaitingHashes() {
  for (let next = waitingHashes[0]; next; next = waitingHashes[0]) {
    if (hashingMemory > 0 && hashingMemory + next.bytes > HASHING_MEMORY_BYTES) return;
    waitingHashes.shift();
    hashingMemory += next.bytes;
    next.start();
  }
}

async function deriveKey(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes and a little more; Node's default limit is 32 MiB, too small even for today's hash.
  const options: ScryptOptions = { ...params, maxmem: 2 * scryptMemory(params) };
  // NFKC so the same password typed on another device (composed or decomposed accents) still matches.
  const normalised = password.normalize("NFKC");
  const bytes = scryptMemory(params);
  await new Promise<void>((start) => {
    waitingHashes.push({ bytes, start });
    startWaitingHashes();
  });
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(normalised, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
  } finally {
    hashingMemory -= bytes;
    startWaitingHashes();
  }
}

type ParsedHash = { params: ScryptParams; salt: Buffer; hash: Buffer };

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/** Null for anything that is not a well-formed hash we could have written, so tampering cannot force a huge cost. */
function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const hash = Buffer.from(parts[5] ?? "", "base64");
  if (N === undefined || r === undefined || p === undefined) return null;
  if (!isPowerOfTwo(N) || !Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  if (128 * N * r > MAX_SCRYPT_MEMORY_BYTES) return null;
  if (salt.length < SALT_BYTES || hash.length < 16 || hash.length > 64) return null;
  return { params: { N, r, p }, salt, hash };
}

export async function hashPassword(password: string): Promise<string> {
  const params = currentParams();
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, params, KEY_BYTES);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const candidate = await deriveKey(password, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * For a sign-in to an email with no account: does the same scrypt work as a real check, then fails, so response
 * time does not reveal which emails have accounts.
 */
export async function dummyVerify(password: string): Promise<boolean> {
  await deriveKey(password, randomBytes(SALT_BYTES), currentParams(), KEY_BYTES);
  return false;
}

/** True when a stored hash was made with other settings than today's and should be replaced. */
export function needsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  if (!parsed) return true;
  const wanted = currentParams();
  return (
    parsed.params.N !== wanted.N ||
    parsed.params.r !== wanted.r ||
    parsed.params.p !== wanted.p ||
    parsed.salt.length !== SALT_BYTES ||
    parsed.hash.length !== KEY_BYTES
  );
}
