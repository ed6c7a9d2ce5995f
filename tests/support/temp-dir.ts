import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A fresh temporary folder for a test database, in memory (/dev/shm) where the machine has one: the app syncs every
 * commit to disk, which a throwaway database does not need, and on disk that sync is most of a test's time.
 */
export function testTempDir(prefix: string): string {
  const parent = fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
  return fs.mkdtempSync(path.join(parent, prefix));
}
