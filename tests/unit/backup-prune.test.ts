import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { pruneBackups } from "../../db/backup";

it("keeps the newest backups and clears partial ones a crash left over an hour ago", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prune-"));
  const names = ["01", "02", "03", "04"].map((d) => `care-portfolio-2026-11-${d}T02-00-00-000Z`);
  for (const name of [...names, ".care-portfolio-stale.partial", ".care-portfolio-fresh.partial", "notes"])
    fs.mkdirSync(path.join(dir, name));
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  fs.utimesSync(path.join(dir, ".care-portfolio-stale.partial"), twoHoursAgo, twoHoursAgo);
  expect(pruneBackups(dir, 2)).toEqual(names.slice(0, 2));
  expect(fs.readdirSync(dir).sort()).toEqual([".care-portfolio-fresh.partial", ...names.slice(2), "notes"].sort());
  fs.rmSync(dir, { recursive: true, force: true });
});
