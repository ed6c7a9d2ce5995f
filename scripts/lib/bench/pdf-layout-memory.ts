/** Child process of ./pdf-layout.ts: builds our PDF once in a fresh process and sends back its peak memory. */
import { measureMemory } from "./pdf-layout";

process.send!(await measureMemory());
