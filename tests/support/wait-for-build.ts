// Set-up for the browser suite, which drives the built app: under `npm test` the build may still be under way.
import { waitForBuild } from "../../scripts/lib/build-status";

await waitForBuild();
