/** The dashboard table as a spreadsheet, in the same words the page and the compliance report use. */
import { toCsv } from "~/domain/csv";
import {
  inductionWords,
  READINESS_LABELS,
  SUPERVISION_STATE_LABELS,
  TRAINING_STATE_LABELS,
  TRAINING_STATES,
} from "~/domain/vocabulary";
import { textStream } from "~/lib/text-stream.server";
import {
  dashboardRowBatches,
  type DashboardQuery,
  type DashboardRow,
  type DashboardScope,
} from "~/models/dashboard.server";
import type { Executor } from "~/models/audit.server";

function header(year: string): string[] {
  return [
    "Name",
    "PCN",
    "Job role",
    "Readiness to take referrals",
    "Blockers",
    "Awaiting verification",
    "Required training verified",
    "Required training recorded",
    ...TRAINING_STATES.map((s) => `Training ${TRAINING_STATE_LABELS[s].toLowerCase()}`),
    "Supervision",
    "Supervision due by",
    "Days overdue",
    "Competencies signed off",
    "Competencies in framework",
    `CPD hours ${year}`,
    "Induction",
    "Induction items done",
    "Induction items",
  ];
}

function cells(r: DashboardRow): string[] {
  return [
    r.name,
    r.pcnName ?? "",
    r.jobRoleTitle,
    READINESS_LABELS[r.state],
    r.blockers.join("; "),
    r.awaitingVerification.join("; "),
    String(r.verification.verified),
    String(r.verification.recorded),
    ...TRAINING_STATES.map((s) => String(r.training[s])),
    SUPERVISION_STATE_LABELS[r.supervision.state],
    r.supervision.dueOn,
    String(r.supervision.daysOverdue),
    String(r.signedOff),
    String(r.competencies),
    String(r.cpdHours),
    inductionWords(r.induction).state,
    r.induction ? String(r.induction.done) : "",
    r.induction ? String(r.induction.total) : "",
  ];
}

/** Every row given, as CSV with a byte order mark; `year` names the appraisal year the CPD hours are for. */
export function dashboardCsv(rows: readonly DashboardRow[], year: string): string {
  return toCsv([header(year), ...rows.map(cells)], { byteOrderMark: true });
}

async function* csvPieces(batches: AsyncIterable<DashboardRow[]>, year: string): AsyncGenerator<string> {
  yield toCsv([header(year)], { byteOrderMark: true });
  for await (const batch of batches) yield toCsv(batch.map(cells));
}

/**
 * The same CSV for every row a dashboard query keeps, streamed: written a batch of rows at a time from a keyset
 * query, so the whole file is never in memory. Rows that went stale are refreshed before the first byte.
 */
export async function dashboardCsvStream(
  db: Executor,
  scope: DashboardScope,
  query: DashboardQuery,
  today: string,
  year: string,
  batchSize?: number,
): Promise<ReadableStream<Uint8Array>> {
  return textStream(csvPieces(await dashboardRowBatches(db, scope, query, today, batchSize), year));
}
