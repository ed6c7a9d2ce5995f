/** Progress on stderr while the data set loads: per table, rows done out of the total expected, and rows a second. */

const REPORT_EVERY_MS = 5_000;

interface TableProgress {
  done: number;
  atLastReport: number;
  /** Exact for the counts the scale fixes; about right (marked "≈") for those that follow from the records. */
  expected: number;
  exact: boolean;
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const number = (n: number) => Math.round(n).toLocaleString("en-GB");

export class Progress {
  private readonly tables = new Map<string, TableProgress>();
  private readonly startedMs = Date.now();
  private lastReportMs = Date.now();
  /** Each step's name, when it began and the CPU time used by then, for the time per step at the end. */
  private readonly steps: { text: string; startedMs: number; cpuMicros: number }[] = [];

  constructor(private readonly out: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  expect(table: string, expected: number, exact: boolean): void {
    this.tables.set(table, { done: 0, atLastReport: 0, expected, exact });
  }

  count(table: string): void {
    let entry = this.tables.get(table);
    if (!entry) {
      entry = { done: 0, atLastReport: 0, expected: 0, exact: false };
      this.tables.set(table, entry);
    }
    entry.done += 1;
    if ((entry.done & 0x3ff) === 0 && Date.now() - this.lastReportMs >= REPORT_EVERY_MS) this.report();
  }

  /** One line per table that moved since the last report. */
  report(): void {
    const now = Date.now();
    const seconds = (now - this.lastReportMs) / 1000;
    this.out(`after ${number((now - this.startedMs) / 1000)} s:`);
    for (const [table, entry] of this.tables) {
      if (entry.done === entry.atLastReport) continue;
      const total = entry.expected ? ` / ${entry.exact ? "" : "≈"}${number(entry.expected)}` : "";
      const rate = number((entry.done - entry.atLastReport) / seconds);
      this.out(
        `  ${table.padEnd(30)} ${number(entry.done).padStart(10)}${total.padEnd(14)} ${rate.padStart(9)} rows/s`,
      );
      entry.atLastReport = entry.done;
    }
    this.lastReportMs = now;
  }

  /** A step that is not a table, such as copying the audit trail or ANALYZE. */
  step(text: string): void {
    this.steps.push({ text, startedMs: Date.now(), cpuMicros: cpuMicros() });
    this.out(`after ${number((Date.now() - this.startedMs) / 1000)} s: ${text}`);
  }

  /**
   * How long each step took, in seconds, up to now: on the clock, and in CPU time (user and system) of this process,
   * which is what to compare on a machine shared with other work.
   */
  stepSeconds(): { step: string; seconds: number; cpuSeconds: number }[] {
    const now = Date.now();
    const cpuNow = cpuMicros();
    return this.steps.map((s, i) => ({
      step: s.text,
      seconds: ((this.steps[i + 1]?.startedMs ?? now) - s.startedMs) / 1000,
      cpuSeconds: ((this.steps[i + 1]?.cpuMicros ?? cpuNow) - s.cpuMicros) / 1e6,
    }));
  }

  elapsedSeconds(): number {
    return (Date.now() - this.startedMs) / 1000;
  }
}
