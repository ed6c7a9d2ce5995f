/** The appraisal form's objective fields, named the same by the schema and the page. */

/** How many objectives the form offers: an appraisal usually agrees two or three. */
export const OBJECTIVE_SLOTS = [1, 2, 3] as const;

export const objectiveTitleField = (n: number) => `objective${n}Title`;
export const objectiveDateField = (n: number) => `objective${n}Date`;
