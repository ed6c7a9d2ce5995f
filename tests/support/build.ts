import { beforeAll } from "vitest";
import { waitForBuild } from "../../scripts/lib/build-status";

/**
 * For a test file that starts the built server: its tests begin once the build `npm test` makes beside them is ready.
 * The runner puts such files last (vitest.config.ts), so they seldom wait at all.
 */
export function afterTheBuild(): void {
  // A cold build on a busy machine takes minutes (12 on this project's shared 2-core machine at its worst).
  beforeAll(() => waitForBuild(), 30 * 60_000);
}
