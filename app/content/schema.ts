/**
 * The shape of each content file. Objects are strict so a misspelt optional field is reported
 * rather than silently ignored.
 */
import { z } from "zod";
import { PATHWAY_KIND_LABELS, type PathwayKind } from "~/domain/vocabulary";

const text = z.string().trim().min(1, "must not be empty");
const version = text;
const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case, e.g. safeguarding-adults");
// An area prefix and a number, e.g. pc-1 or rel-3, so ids stay stable when titles change.
const competencyId = z.string().regex(/^[a-z]+-[1-9]\d*$/, "must be an area prefix and a number, e.g. pc-1");

export const competencySchema = z.strictObject({
  id: competencyId,
  title: text,
  description: text,
  indicators: z.array(text).min(1, "must list at least one indicator"),
});

export const areaSchema = z.strictObject({
  id: kebabId,
  title: text,
  description: text,
  competencies: z.array(competencySchema).min(1, "must list at least one competency"),
});

export const frameworkSchema = z.strictObject({
  version,
  title: text,
  areas: z.array(areaSchema).min(1, "must list at least one area"),
});

export const TRAINING_KINDS = [
  "accredited-course",
  "e-learning",
  "certificate",
  "statutory-mandatory",
  "supervision",
] as const;

export const trainingRequirementSchema = z
  .strictObject({
    id: kebabId,
    title: text,
    provider: text,
    kind: z.enum(TRAINING_KINDS),
    renewalMonths: z.number().int().positive().nullable(),
    requiredBeforeReferrals: z.boolean(),
    // True where being enrolled on or undertaking the training already satisfies the readiness rule.
    underWayCounts: z.boolean(),
    // True where a supervisor or lead must verify the record before it counts towards taking referrals; a
    // self-declared record leaves the person "ready pending verification". Absent: true for accredited courses.
    verifyBeforeReferrals: z.boolean().optional(),
    proof: text,
    covers: z.array(text).optional(),
  })
  .refine((r) => !(r.verifyBeforeReferrals && !r.requiredBeforeReferrals), {
    path: ["verifyBeforeReferrals"],
    message: "can only be true when requiredBeforeReferrals is true",
  })
  .transform((r) => ({ ...r, verifyBeforeReferrals: r.verifyBeforeReferrals ?? (r.requiredBeforeReferrals && r.kind === "accredited-course") }));

export const trainingRequirementsSchema = z.strictObject({
  version,
  requirements: z.array(trainingRequirementSchema).min(1, "must list at least one requirement"),
});

export const roleSchema = z.strictObject({
  id: kebabId,
  title: text,
  description: text,
  requirements: z.array(kebabId),
  recommended: z.array(kebabId),
});

export const rolesSchema = z.strictObject({
  version,
  roles: z.array(roleSchema).min(1, "must list at least one role"),
});

const days = z.number().int().positive();

export const supervisionPolicySchema = z
  .strictObject({
    version,
    fullTimeIntervalDays: days,
    maxIntervalDays: days,
    description: text,
  })
  .refine((policy) => policy.maxIntervalDays >= policy.fullTimeIntervalDays, {
    path: ["maxIntervalDays"],
    message: "must be at least fullTimeIntervalDays",
  });

/** How ESR names a competency in its compliance export, and the requirement it records (ADR 0016). */
export const esrCompetencySchema = z.strictObject({
  esrName: text,
  requirementId: kebabId,
  // True where the ESR record is proof enough: the import marks the record verified from ESR.
  countsAsVerified: z.boolean(),
});

export const esrCompetenciesSchema = z.strictObject({
  version,
  competencies: z.array(esrCompetencySchema),
});

/** The levels a competency is rated at, lowest first: their order is their rank in charts and comparisons. */
export const proficiencyScaleSchema = z.strictObject({
  version,
  title: text,
  levels: z
    .array(z.strictObject({ id: kebabId, title: text, descriptor: text }))
    .min(2, "must list at least two levels")
    // Each level has its own colour in the charts.
    .max(6, "must list at most six levels"),
});

/** What a development pathway is: a specialist setting, a management role, or a route into personalised care. */
const PATHWAY_KINDS = Object.keys(PATHWAY_KIND_LABELS) as [PathwayKind, ...PathwayKind[]];

/**
 * An onward (or entry) route and what it asks for: competencies at a level of the proficiency scale (a confirmed
 * rating at that level or above meets it) and training from the catalogue. Where the national documents set no
 * requirements, `setLocally` is true and the page says the PCN set them (ADR 0021).
 */
export const pathwaySchema = z
  .strictObject({
    id: kebabId,
    title: text,
    kind: z.enum(PATHWAY_KINDS),
    description: text,
    /** Where the description comes from, so it can be checked against the source. */
    source: text,
    setLocally: z.boolean(),
    competencies: z.array(z.strictObject({ competencyId, level: kebabId })),
    training: z.array(kebabId),
  })
  .refine((p) => p.competencies.length + p.training.length > 0, {
    path: ["competencies"],
    message: "must ask for at least one competency or piece of training",
  });

export const pathwaysSchema = z.strictObject({
  version,
  pathways: z.array(pathwaySchema),
});

/**
 * Induction items per job role and per setting (issue 13 item 4, ADR 0020). An item with no roles (or no settings)
 * applies to every role (or setting). A checklist copies the items' words when it is made, so editing this file
 * changes new checklists only.
 */
export const inductionSchema = z.strictObject({
  version,
  title: text,
  // A new starter is expected to finish within this many days of the checklist being made; then it is overdue.
  dueWithinDays: days,
  // Progress shows on the person's page and home page for this many months after the checklist is made.
  showForMonths: z.number().int().min(1).max(24),
  settings: z
    .array(z.strictObject({ id: kebabId, title: text, description: text }))
    .min(1, "must list at least one setting"),
  items: z
    .array(
      z.strictObject({
        id: kebabId,
        title: text,
        description: text,
        roles: z.array(kebabId),
        settings: z.array(kebabId),
      }),
    )
    .min(1, "must list at least one item"),
});

export type Competency = z.infer<typeof competencySchema>;
export type Area = z.infer<typeof areaSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export type TrainingRequirement = z.infer<typeof trainingRequirementSchema>;
export type TrainingRequirements = z.infer<typeof trainingRequirementsSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Roles = z.infer<typeof rolesSchema>;
export type SupervisionPolicy = z.infer<typeof supervisionPolicySchema>;
export type EsrCompetency = z.infer<typeof esrCompetencySchema>;
export type EsrCompetencies = z.infer<typeof esrCompetenciesSchema>;
export type ProficiencyScale = z.infer<typeof proficiencyScaleSchema>;
export type ProficiencyLevel = ProficiencyScale["levels"][number];
export type Pathway = z.infer<typeof pathwaySchema>;
export type Pathways = z.infer<typeof pathwaysSchema>;
export type Induction = z.infer<typeof inductionSchema>;
export type InductionItem = Induction["items"][number];

/** Everything in the content directory, one property per file. */
export interface Content {
  framework: Framework;
  trainingRequirements: TrainingRequirements;
  roles: Roles;
  supervisionPolicy: SupervisionPolicy;
  esrCompetencies: EsrCompetencies;
  proficiencyScale: ProficiencyScale;
  pathways: Pathways;
  induction: Induction;
}
