/**
 * Backups of the real built server while people write to it: a backup three times mid-load, then a restore of each
 * into an empty folder holds every write acknowledged before that backup began, with its file. Restore refuses
 * tampered, incomplete and unverifiable backups and a folder that is not empty. Needs a build. The backups and
 * restores run in-process (db/backup.ts); `npm run backup` and `npm run restore` themselves are started once each.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnSqliteFile } from "./database-kind";
import { BackupError, restoreBackup, takeBackup } from "../../db/backup";
import { prepareDataFolder, startServer, type DataFolder, type LiveServer } from "../../scripts/lib/live-server";
import { emptyAcknowledged, type Acknowledged } from "../../scripts/lib/portfolio-client";
import { missingWrites } from "../../scripts/lib/verify-writes";
import { demoTeam, startWriting } from "../../scripts/lib/workload";
import { afterTheBuild } from "../support/build";
import { runChild } from "../support/run-child";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-backups-"));
const backupDir = path.join(scratch, "backups");
let folder: DataFolder;
let server: LiveServer;
const taken: { dir: string; ackedBefore: Acknowledged }[] = [];

const restoreScript = (backup: string, to: string) =>
  runChild(TSX, ["scripts/restore.ts", backup, "--to", to], { cwd: ROOT, env: folder.env });
/** What `npm run restore` would print for a refused backup (null when it restores), asked in-process. */
const refusal = (backup: string, to: string) => {
  try {
    restoreBackup(backup, to);
    return null;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    return `Restore refused: ${error.message}`;
  }
};
const copyOf = (backup: string) => {
  const copy = fs.mkdtempSync(path.join(scratch, "copy-"));
  fs.cpSync(backup, copy, { recursive: true });
  return copy;
};
const firstAttachment = (backup: string) => {
  const sub = fs.readdirSync(path.join(backup, "attachments"))[0]!;
  return path.join(backup, "attachments", sub, fs.readdirSync(path.join(backup, "attachments", sub))[0]!);
};

afterTheBuild();
beforeAll(async () => {
  folder = prepareDataFolder("care-portfolio-backup-", { BACKUP_DIR: backupDir, BACKUP_KEEP: "10" });
  server = await startServer(folder);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
  if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
});

describeOnSqliteFile("backup and restore", () => {
  it("takes backups while clients write, and each restores with every write acknowledged before it", async () => {
    const ack = emptyAcknowledged();
    const team = await demoTeam(server.baseUrl, ack);
    const stopWriting = startWriting(team, ack);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      const ackedBefore = structuredClone(ack);
      const { dir } = await takeBackup({ databasePath: folder.databasePath, dataDir: folder.dir, backupDir });
      taken.push({ dir, ackedBefore });
    }
    await stopWriting();
    expect(taken.map((t) => t.ackedBefore.evidence.length)).toEqual(
      [...taken.map((t) => t.ackedBefore.evidence.length)].sort((a, b) => a - b),
    );
    expect(taken[2]!.ackedBefore.evidence.length).toBeGreaterThan(taken[0]!.ackedBefore.evidence.length);
    expect(taken[2]!.ackedBefore.cpd.length).toBeGreaterThan(0);

    for (const backup of taken) {
      const target = path.join(scratch, `restored-${path.basename(backup.dir)}`);
      expect(refusal(backup.dir, target)).toBeNull();
      expect(
        missingWrites({ databasePath: path.join(target, "care-portfolio.sqlite"), dir: target }, backup.ackedBefore),
      ).toEqual([]);
    }
  }, 180_000);

  it("refuses a backup with a changed file, even with its manifest rewritten to match", async () => {
    const changed = copyOf(taken[0]!.dir);
    fs.appendFileSync(firstAttachment(changed), "tampered");
    expect(refusal(changed, path.join(scratch, "t1"))).toMatch(/Restore refused: .*does not match its checksum/);

    const forged = copyOf(taken[0]!.dir);
    const file = firstAttachment(forged);
    fs.appendFileSync(file, "tampered");
    const manifestFile = path.join(forged, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    const relative = path.relative(forged, file).split(path.sep).join("/");
    const bytes = fs.readFileSync(file);
    manifest.files[relative] = {
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      size: bytes.byteLength,
    };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    // The script itself, once: it answers a refused backup with a message and exit code 1.
    const run = await restoreScript(forged, path.join(scratch, "t2"));
    expect(run.stderr).toMatch(/Restore refused: .*does not match its name/);
    expect(run.status).toBe(1);
    expect(fs.existsSync(path.join(scratch, "t1"))).toBe(false);
    expect(fs.existsSync(path.join(scratch, "t2"))).toBe(false);
  }, 60_000);

  it("refuses an incomplete backup, one with added files, one without a manifest, and a damaged database", () => {
    const missing = copyOf(taken[0]!.dir);
    fs.rmSync(firstAttachment(missing));
    expect(refusal(missing, path.join(scratch, "t3"))).toMatch(/Restore refused: The backup is incomplete/);

    const added = copyOf(taken[0]!.dir);
    fs.writeFileSync(path.join(added, "attachments", "extra.pdf"), "%PDF-1.4");
    expect(refusal(added, path.join(scratch, "t4"))).toMatch(/Restore refused: .*not in its manifest/);

    const unlisted = copyOf(taken[0]!.dir);
    fs.rmSync(path.join(unlisted, "manifest.json"));
    expect(refusal(unlisted, path.join(scratch, "t5"))).toMatch(/Restore refused: .*no manifest\.json/);

    const damaged = copyOf(taken[0]!.dir);
    const database = path.join(damaged, "care-portfolio.sqlite");
    const bytes = fs.readFileSync(database);
    bytes.fill(0x41, 4096, 8192); // a page overwritten
    fs.writeFileSync(database, bytes);
    expect(refusal(damaged, path.join(scratch, "t6"))).toMatch(
      /Restore refused: .*care-portfolio\.sqlite does not match its checksum/,
    );
  }, 60_000);

  it("refuses to restore into a folder that is not empty", () => {
    const target = fs.mkdtempSync(path.join(scratch, "occupied-"));
    fs.writeFileSync(path.join(target, "care-portfolio.sqlite"), "live data");
    expect(refusal(taken[0]!.dir, target)).toMatch(/Restore refused: .* is not empty/);
    expect(fs.readFileSync(path.join(target, "care-portfolio.sqlite"), "utf8")).toBe("live data");
  }, 60_000);

  it("keeps only the newest BACKUP_KEEP backups", async () => {
    const run = await runChild(TSX, ["scripts/backup.ts"], { cwd: ROOT, env: { ...folder.env, BACKUP_KEEP: "2" } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Backup complete: \S+ /);
    expect(run.stdout.match(/Removed old backup/g)).toHaveLength(2);
    expect(fs.readdirSync(backupDir).filter((n) => n.startsWith("care-portfolio-"))).toHaveLength(2);
  }, 60_000);
});
