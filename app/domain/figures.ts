/**
 * The dashboard's figures for a set of staff (a PCN, an ICS, the nation) and the arithmetic that combines them:
 * sets of figures add up, and a changed part can be taken out of a stored total and its new value put in.
 */
import type { TrainingState } from "./training-status";

/** The dashboard's summary figures and per-requirement counts for a set of staff. */
export interface Figures {
  staff: number;
  ready: number;
  pendingVerification: number;
  supervisionOverdue: number;
  supervisionDueSoon: number;
  noSupervisor: number;
  trainingExpired: number;
  trainingExpiring: number;
  trainingMissing: number;
  cpdHours: number;
  /** For each requirement the staff's roles require: how many of them are in each state. */
  requirements: Record<string, Partial<Record<TrainingState, number>>>;
}

/**
 * Whether stored figures are up to date; when not, they are being brought up to date in the background, and they
 * show where staff stood on `asOf` ("time": time has moved on since) or were worked out under the content and
 * settings before the last change ("rules"), the oldest of them on `asOf`.
 */
export type Freshness = { upToDate: true } | { upToDate: false; reason: "time" | "rules"; asOf: string };

/**
 * An export (the dashboard CSV, the compliance report) asked for while its figures are being brought up to date:
 * unlike a page, a file carries no notice, and it would put last period's figures under this period's headings.
 */
export class FiguresBeingUpdated extends Error {
  constructor() {
    super("The figures are being brought up to date");
  }
}

export const emptyFigures = (): Figures => ({
  staff: 0,
  ready: 0,
  pendingVerification: 0,
  supervisionOverdue: 0,
  supervisionDueSoon: 0,
  noSupervisor: 0,
  trainingExpired: 0,
  trainingExpiring: 0,
  trainingMissing: 0,
  cpdHours: 0,
  requirements: {},
});

/**
 * Adds `part` into `total` (or takes it out, with sign -1). Counts that reach 0 are dropped, as a count of the
 * records leaves them out. CPD hours are kept to a millionth: adding and taking out decimals in floating point
 * leaves crumbs, and no CPD entry is finer than a minute.
 */
export function addFigures(total: Figures, part: Figures, sign: 1 | -1 = 1): Figures {
  for (const key of Object.keys(total) as (keyof Figures)[]) {
    if (key !== "requirements") total[key] += sign * part[key];
  }
  total.cpdHours = Math.round(total.cpdHours * 1e6) / 1e6;
  for (const [id, counts] of Object.entries(part.requirements)) {
    const into = (total.requirements[id] ??= {});
    for (const [state, n] of Object.entries(counts) as [TrainingState, number][]) {
      const sum = (into[state] ?? 0) + sign * n;
      if (sum === 0) delete into[state];
      else into[state] = sum;
    }
    if (Object.keys(into).length === 0) delete total.requirements[id];
  }
  return total;
}

export function mergeFigures(parts: Iterable<Figures>): Figures {
  const total = emptyFigures();
  for (const part of parts) addFigures(total, part);
  return total;
}
