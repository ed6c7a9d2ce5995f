/**
 * Start-up refuses settings, content and a database behind this version's migrations, things a deployment can fix,
 * with a plain message. The checks run in-process; real starts of server/index.ts show the message reaches stderr
 * and the process exits 1.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { MIGRATION_NAMES } from "../../db/migrate";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The real server started with these settings: its exit code and what it wrote to stderr. */
const start = (settings: Record<string, string>) =>
  promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", ...settings },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );

/** The start-up checks as a fresh process would run them, with these settings. */
async function problemWith(settings: Record<string, string>) {
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  vi.resetModules();
  const { startupProblem } = await import("../../server/startup-checks");
  return startupProblem();
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("server start-up", () => {
  it("has nothing to say about the settings and content it ships with", async () => {
    expect(await problemWith({ CONTENT_DIR: path.join(ROOT, "content") })).toBeNull();
  });

  it("refuses broken content, naming the file, the field and the problem", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-content-"));
    fs.cpSync(path.join(ROOT, "content"), dir, { recursive: true });
    const rolesFile = path.join(dir, "roles.json");
    const roles = JSON.parse(fs.readFileSync(rolesFile, "utf8"));
    delete roles.roles[1].title;
    fs.writeFileSync(rolesFile, JSON.stringify(roles));
    const problem = await problemWith({ CONTENT_DIR: dir });
    expect(problem).toContain("Care Portfolio cannot start: the content files have problems.\n");
    expect(problem).toContain(`${rolesFile}: roles[1].title: required field is missing`);
  });

  it("refuses a TRUST_PROXY it cannot read, naming the variable; the real server exits 1 saying so", async () => {
    const expected =
      'Care Portfolio cannot start: a setting is wrong.\nTRUST_PROXY: "one hop" is not a number of proxy hops';
    expect(await problemWith({ TRUST_PROXY: "one hop" })).toContain(expected);

    const result = await start({ TRUST_PROXY: "one hop" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expected);
  }, 40_000);
});

describe("server start-up on a database behind this version", () => {
  const last = MIGRATION_NAMES.at(-1)!;

  it("has nothing to say about a database with every migration", async () => {
    const { migrationProblem } = await import("../../server/startup-checks");
    expect(await migrationProblem()).toBeNull();
  });

  it("refuses a database missing a migration, naming it and what to run", async () => {
    const db = getDb();
    const { rows } = await sql<{
      timestamp: string;
    }>`select timestamp from kysely_migration where name = ${last}`.execute(db);
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    try {
      const { migrationProblem } = await import("../../server/startup-checks");
      expect(await migrationProblem()).toBe(
        `Care Portfolio cannot start: the database lacks 1 of this version's migrations (${last}).\n` +
          "Run npm run db:migrate (where the development packages are installed: docs/deployment.md), then start again.",
      );
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, ${rows[0]!.timestamp})`.execute(db);
    }
  });

  it("the real server exits 1 on a database never migrated, saying so", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-unmigrated-"));
    const result = await start({ DATABASE_URL: "", DATABASE_PATH: path.join(dir, "new.sqlite"), DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `the database lacks ${MIGRATION_NAMES.length} of this version's migrations (${MIGRATION_NAMES[0]} to ${last})`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }, 40_000);
});
