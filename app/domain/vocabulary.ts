/** The fixed choices the forms offer, with the words people see. */

export const EVIDENCE_TYPES = {
  "reflective-account": "Reflective account",
  certificate: "Certificate",
  observation: "Observation by a colleague",
  feedback: "Feedback or testimonial",
  "case-study": "Anonymised case study",
  "supervision-record": "Supervision record",
  other: "Other",
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export const EVIDENCE_STATUS_LABELS = {
  draft: "Draft",
  submitted: "Waiting for review",
  returned: "Returned for changes",
  accepted: "Accepted",
} as const;

export const COMPETENCY_STATUS_LABELS = {
  "not-started": "Not started",
  developing: "Developing",
  "signed-off": "Signed off",
  withdrawn: "Sign-off withdrawn",
} as const;

export const CPD_TYPES = {
  "formal-course": "Formal course",
  "e-learning": "E-learning",
  webinar: "Webinar",
  "peer-support": "Peer support",
  supervision: "Supervision",
  reading: "Reading",
  other: "Other",
} as const;
export type CpdType = keyof typeof CPD_TYPES;

export const TRAINING_STATUS_LABELS = {
  enrolled: "Enrolled",
  undertaking: "Undertaking",
  completed: "Completed",
} as const;

export const options = <T extends Record<string, string>>(labels: T) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** What a supervisor or lead checked before verifying a training record (no uploaded certificate needed). */
export const VERIFICATION_METHODS = {
  certificate: "I have seen the certificate",
  esr: "I checked their ESR record",
  "provider-list": "I checked the training provider's list of attendees or learners",
  other: "Something else",
} as const;

/** The same, as a record of what was done. */
export const VERIFICATION_METHOD_RECORDS = {
  certificate: "seen the certificate",
  esr: "checked the ESR record",
  "provider-list": "checked the training provider's list",
  other: "other check",
} as const;
