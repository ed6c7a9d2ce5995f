import { beforeAll } from "vitest";
import { waitForBuild } from "../../scripts/lib/build-status";

/** For a test file that starts the built server: its tests begin once the build `npm test` makes beside them is ready. */
export function afterTheBuild(): void {
  // A cold build on a busy machine takes minutes.
  beforeAll(() => waitForBuild(), 10 * 60_000);
}
