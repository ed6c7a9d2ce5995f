import { readFileSync } from "node:fs";
import path from "node:path";

let commonPasswords: Set<string> | undefined;

function listPath(): string {
  const contentDir = process.env.CONTENT_DIR ?? path.join(process.cwd(), "content");
  return path.join(contentDir, "security", "common-passwords.txt");
}

/** Read on first use, then kept: the list is large and never changes while the app runs. */
function loadList(): Set<string> {
  const lines = readFileSync(listPath(), "utf8").split(/\r?\n/);
  // Comments start with "# " (hash and space) because "#name?" is itself a listed password.
  return new Set(lines.filter((line) => line !== "" && !line.startsWith("# ")));
}

/** Whether a password is on the list of common and breached passwords, ignoring case. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadList();
  return commonPasswords.has(password.toLowerCase());
}
