/** How many of everything a data set of a given scale holds: scale 1 is a national deployment (issue 12). */

/** The national figures; every count scales with them. */
export const NATIONAL = {
  pcns: 1_250,
  icss: 42,
  people: 12_078,
  admins: 20,
  evidenceItems: 600_000,
  evidenceVersions: 747_000,
  evidenceCompetencies: 1_500_000,
  cpdEntries: 1_000_000,
  trainingRecords: 298_000,
  supervisionMeetings: 150_000,
  auditRows: 3_500_000,
} as const;

/** Of the people who are neither administrators nor leads, the share who are supervisors. */
const SUPERVISOR_SHARE = 0.14;

export interface ScalePlan {
  scale: number;
  pcns: number;
  icss: number;
  admins: number;
  supervisors: number;
  staff: number;
  people: number;
  evidenceItems: number;
  cpdEntries: number;
  trainingRecords: number;
  supervisionMeetings: number;
}

export const SCALE_MIN = 0.001;
export const SCALE_MAX = 10;

export function planFor(scale: number): ScalePlan {
  if (!(scale >= SCALE_MIN && scale <= SCALE_MAX)) {
    throw new RangeError(`The scale must be a number from ${SCALE_MIN} to ${SCALE_MAX}, got ${scale}`);
  }
  const of = (n: number) => Math.round(n * scale);
  const pcns = Math.max(1, of(NATIONAL.pcns));
  const admins = Math.max(1, of(NATIONAL.admins));
  // Each PCN has a lead, at least one supervisor and at least one member of staff.
  const people = Math.max(admins + pcns * 3, of(NATIONAL.people));
  const teams = people - admins - pcns;
  const supervisors = Math.max(pcns, Math.round(teams * SUPERVISOR_SHARE));
  return {
    scale,
    pcns,
    icss: Math.min(pcns, Math.max(1, of(NATIONAL.icss))),
    admins,
    supervisors,
    staff: teams - supervisors,
    people,
    evidenceItems: of(NATIONAL.evidenceItems),
    cpdEntries: of(NATIONAL.cpdEntries),
    trainingRecords: of(NATIONAL.trainingRecords),
    supervisionMeetings: of(NATIONAL.supervisionMeetings),
  };
}
