import { afterAll, vi } from "vitest";

/**
 * Test files share worker threads (vitest.config.ts), so the libraries load once. Each file still starts with the
 * app's own modules loaded afresh, so their singletons (the db handle, the parsed settings, caches) are its own, and
 * leaves process.env as it found it. Listed first among the set-up files, so this runs after the others' afterAll.
 */
vi.resetModules();
const environmentBefore = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environmentBefore)) delete process.env[name];
  Object.assign(process.env, environmentBefore);
});
