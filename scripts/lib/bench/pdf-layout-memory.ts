/** Child process of ./pdf-layout.ts: builds one PDF in a fresh process and sends back its peak memory. */
import { isLayoutCase, measureMemory } from "./pdf-layout";

const name = process.argv[2];
if (!isLayoutCase(name)) throw new Error(`Unknown PDF layout case: ${name}`);
process.send!(await measureMemory(name));
