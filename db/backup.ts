/**
 * Backups that can be trusted (ADR 0010): the database first, through SQLite's online backup API so a consistent
 * snapshot is taken while the app keeps writing, then the uploaded files (write-once, named by their SHA-256, so
 * every file the snapshot refers to already exists), then a manifest of every file's SHA-256. Restore refuses
 * anything that does not match its manifest, fails `PRAGMA integrity_check`, or refers to a missing file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { processDialect } from "./connection";

export const DATABASE_FILE = "care-portfolio.sqlite";
const MANIFEST_FILE = "manifest.json";
const ATTACHMENTS = "attachments";
const BACKUP_NAME = /^care-portfolio-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
/** Pages per backup step: all of them, so the snapshot is one read transaction and never restarts mid-way. */
const ALL_PAGES = 0x7fffffff;

/** A problem an operator can act on; the scripts print its message and exit non-zero. */
export class BackupError extends Error {}

export interface Manifest {
  format: 1;
  createdAt: string;
  /** Relative path (with "/") to its SHA-256 and size, for the database and every uploaded file. */
  files: Record<string, { sha256: string; size: number }>;
}

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

function writeDurably(file: string, bytes: Uint8Array | string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "wx");
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDirectory(dir: string) {
  const fd = fs.openSync(dir, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

/** Every file under a folder, as relative paths with "/", in a stable order. */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The SHA-256 names of every file the database refers to. */
function referencedFiles(databaseFile: string): string[] {
  const db = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT DISTINCT sha256 FROM attachments").pluck().all() as string[]).map(
      (sha) => `${ATTACHMENTS}/${sha.slice(0, 2)}/${sha}`,
    );
  } finally {
    db.close();
  }
}

function checkIntegrity(databaseFile: string) {
  const db = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const result = db.prepare("PRAGMA integrity_check").pluck().all() as string[];
    if (result.join() !== "ok")
      throw new BackupError(`The database in the backup is damaged: ${result.slice(0, 3).join("; ")}`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The database in the backup cannot be read: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

export interface BackupResult {
  dir: string;
  files: number;
  bytes: number;
}

/** Takes a backup of a live database and its uploaded files into a new dated folder under `backupDir`. */
export async function takeBackup(input: {
  databasePath: string;
  dataDir: string;
  backupDir: string;
  now?: Date;
}): Promise<BackupResult> {
  if (processDialect() === "postgres")
    throw new BackupError(
      "This deployment keeps its data in PostgreSQL (DATABASE_URL), which npm run backup cannot copy: use pg_dump or your managed database's backups, then copy DATA_DIR's uploaded files (docs/scaling.md)",
    );
  const name = `care-portfolio-${(input.now ?? new Date()).toISOString().replace(/[:.]/g, "-")}`;
  const final = path.join(path.resolve(input.backupDir), name);
  // Built under a hidden name and renamed at the end: a folder with the backup name is always complete.
  const staging = path.join(path.dirname(final), `.${name}.partial`);
  if (fs.existsSync(final)) throw new BackupError(`A backup named ${name} already exists`);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const databaseCopy = path.join(staging, DATABASE_FILE);
    const source = new SQLite(input.databasePath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      await source.backup(databaseCopy, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    const copy = new SQLite(databaseCopy);
    // A self-contained file: no write-ahead log beside it to lose.
    copy.pragma("journal_mode = DELETE");
    copy.close();
    checkIntegrity(databaseCopy);

    // Files after the database: each file is written before the row naming it, so the snapshot's files exist now.
    const sourceFiles = path.join(path.resolve(input.dataDir), ATTACHMENTS);
    for (const relative of listFiles(sourceFiles)) {
      if (relative.endsWith(".tmp")) continue;
      const bytes = fs.readFileSync(path.join(sourceFiles, relative));
      if (sha256(bytes) !== path.basename(relative))
        throw new BackupError(
          `The uploaded file ${relative} in DATA_DIR is damaged: its content does not match its name`,
        );
      writeDurably(path.join(staging, ATTACHMENTS, relative), bytes);
    }
    const missing = referencedFiles(databaseCopy).filter((f) => !fs.existsSync(path.join(staging, f)));
    if (missing.length)
      throw new BackupError(
        `The database refers to ${missing.length} uploaded files that are not in DATA_DIR (first: ${missing[0]})`,
      );

    const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), files: {} };
    let bytes = 0;
    for (const relative of listFiles(staging)) {
      const content = fs.readFileSync(path.join(staging, relative));
      manifest.files[relative] = { sha256: sha256(content), size: content.byteLength };
      bytes += content.byteLength;
    }
    writeDurably(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    fs.renameSync(staging, final);
    syncDirectory(path.dirname(final));
    return { dir: final, files: Object.keys(manifest.files).length, bytes };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function readManifest(backup: string): Manifest {
  const file = path.join(backup, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`${backup} is not a complete backup: it has no ${MANIFEST_FILE}`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch {
    throw new BackupError(`The manifest of ${backup} cannot be read`);
  }
  if (manifest?.format !== 1 || typeof manifest.files !== "object" || manifest.files === null)
    throw new BackupError(`The manifest of ${backup} is not one this version understands`);
  return manifest;
}

/**
 * Checks a backup folder against its manifest: the same files, none missing and none added, each with its recorded
 * SHA-256; the database passes `integrity_check`; every uploaded file the database refers to is there.
 */
export function verifyBackup(backup: string): Manifest {
  if (!fs.existsSync(backup) || !fs.statSync(backup).isDirectory())
    throw new BackupError(`There is no backup folder at ${backup}`);
  const manifest = readManifest(backup);
  const listed = Object.keys(manifest.files).sort();
  const present = listFiles(backup).filter((f) => f !== MANIFEST_FILE);
  const missing = listed.filter((f) => !present.includes(f));
  const extra = present.filter((f) => !listed.includes(f));
  if (missing.length)
    throw new BackupError(
      `The backup is incomplete: ${missing.length} files in its manifest are missing (first: ${missing[0]})`,
    );
  if (extra.length)
    throw new BackupError(
      `The backup has been changed: ${extra.length} files are not in its manifest (first: ${extra[0]})`,
    );
  if (!listed.includes(DATABASE_FILE)) throw new BackupError(`The backup has no database file ${DATABASE_FILE}`);
  for (const relative of listed) {
    const content = fs.readFileSync(path.join(backup, relative));
    const expected = manifest.files[relative]!;
    const actual = sha256(content);
    if (content.byteLength !== expected.size || actual !== expected.sha256)
      throw new BackupError(`The backup has been changed or damaged: ${relative} does not match its checksum`);
    // An uploaded file is named by its SHA-256, so a changed file cannot hide behind a rewritten manifest.
    if (relative.startsWith(`${ATTACHMENTS}/`) && actual !== path.posix.basename(relative))
      throw new BackupError(`The backup has been changed or damaged: ${relative} does not match its name`);
  }
  checkIntegrity(path.join(backup, DATABASE_FILE));
  const unlisted = referencedFiles(path.join(backup, DATABASE_FILE)).filter((f) => !listed.includes(f));
  if (unlisted.length)
    throw new BackupError(
      `The backup is incomplete: the database refers to ${unlisted.length} uploaded files it does not hold (first: ${unlisted[0]})`,
    );
  return manifest;
}

/**
 * Restores a verified backup into an empty (or not yet existing) data folder: the database as
 * `<target>/care-portfolio.sqlite` and the files under `<target>/attachments`. Copies are checked again before
 * the folder takes its final name, so a half-restored folder never looks like a restored one.
 */
export function restoreBackup(
  backup: string,
  target: string,
): { databasePath: string; dataDir: string; files: number } {
  const manifest = verifyBackup(backup);
  const dataDir = path.resolve(target);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw new BackupError(`${dataDir} is not empty: restore only into an empty folder`);
  const staging = `${dataDir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const [relative, expected] of Object.entries(manifest.files)) {
      const content = fs.readFileSync(path.join(backup, relative));
      if (sha256(content) !== expected.sha256) throw new BackupError(`${relative} changed while it was being restored`);
      writeDurably(path.join(staging, relative), content);
    }
    checkIntegrity(path.join(staging, DATABASE_FILE));
    if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir);
    fs.renameSync(staging, dataDir);
    syncDirectory(path.dirname(dataDir));
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { databasePath: path.join(dataDir, DATABASE_FILE), dataDir, files: Object.keys(manifest.files).length - 1 };
}

/**
 * Keeps the newest `keep` complete backups under `backupDir` and deletes the rest, and any partial backup a crash
 * left more than an hour ago; returns the complete backups it deleted.
 */
export function pruneBackups(backupDir: string, keep: number, now = Date.now()): string[] {
  if (!fs.existsSync(backupDir)) return [];
  const names = fs.readdirSync(backupDir);
  const backups = names.filter((n) => BACKUP_NAME.test(n)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) fs.rmSync(path.join(backupDir, name), { recursive: true, force: true });
  for (const name of names.filter((n) => n.startsWith(".care-portfolio-") && n.endsWith(".partial"))) {
    const partial = path.join(backupDir, name);
    if (now - fs.statSync(partial).mtimeMs > 3_600_000) fs.rmSync(partial, { recursive: true, force: true });
  }
  return old;
}
