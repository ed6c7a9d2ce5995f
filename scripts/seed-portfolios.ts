import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { getContent } from "~/content/index.server";
import { createEvidence, moveEvidence } from "~/models/evidence.server";
import { recordSignoff } from "~/models/signoff.server";
import { seedCompliance, type SeedStaff as ComplianceStaff } from "./seed-compliance";

interface SeedStaff extends ComplianceStaff {
  name: string;
}

const SAMPLES = [
  {
    title: "Personalised care and support plan with a man living alone after a fall",
    type: "reflective-account",
    competencyIds: ["pc-1", "com-1"],
    whatHappened:
      "I met him at home to talk through what mattered to him after his fall. We wrote the plan in his words, starting with getting back to his allotment.",
    whatLearned: "Starting from what he wanted to do again gave the plan a purpose he owned.",
    whatNext: "Ask about goals before risks in every first conversation.",
    outcome: "accepted",
  },
  {
    title: "Coordinating an MDT discussion for a complex discharge",
    type: "observation",
    competencyIds: ["rel-1", "pc-2"],
    whatHappened:
      "I arranged the MDT, gathered updates from the district nurses and social care, and advocated for the person's wish to go home.",
    whatLearned: "Sending a short summary beforehand kept the meeting to time.",
    whatNext: "Use the same summary template for every MDT I arrange.",
    outcome: "submitted",
  },
  {
    title: "Feedback from a carer about finding respite support",
    type: "feedback",
    competencyIds: ["rel-2"],
    whatHappened: "A carer wrote to thank me for helping her find a local respite service and a carers' group.",
    whatLearned: "Knowing the local voluntary sector well saves people weeks of searching.",
    whatNext: "Keep my directory of local services up to date each month.",
    outcome: "returned",
  },
  {
    title: "Reflection on PCSP e-learning",
    type: "certificate",
    competencyIds: ["cl-1"],
    whatHappened:
      "I completed the personalised care and support planning e-learning and reflected on how it changes my first conversations.",
    whatLearned: "The plan belongs to the person, not the service.",
    whatNext: "Review two of my plans with my supervisor against the e-learning checklist.",
    outcome: "draft",
  },
] as const;

/** Evidence in every workflow state, and a sign-off, so each screen has something real to show. */
async function seedEvidence(db: Kysely<Database>, staff: SeedStaff[]): Promise<void> {
  const framework = getContent().framework;
  const known = new Set(framework.areas.flatMap((a) => a.competencies.map((c) => c.id)));
  for (const [index, person] of staff.entries()) {
    const samples = SAMPLES.slice(0, 1 + (index % SAMPLES.length));
    for (const [n, sample] of samples.entries()) {
      const owner = { id: person.id, pcnId: person.pcnId };
      const input = {
        title: sample.title,
        activityDate: `2026-${String(4 + n * 2).padStart(2, "0")}-1${index % 9}`,
        type: sample.type,
        whatHappened: sample.whatHappened,
        whatLearned: sample.whatLearned,
        whatNext: sample.whatNext,
        competencyIds: sample.competencyIds.filter((c) => known.has(c)),
        attachmentIds: [],
        patientDataFindings: null,
      };
      const id = await createEvidence(db, owner, input, framework.version, { id: person.id });
      if (sample.outcome === "draft") continue;
      await moveEvidence(db, id, { action: "submit", as: "owner", pcnId: person.pcnId }, { id: person.id });
      if (sample.outcome === "returned") {
        await moveEvidence(
          db,
          id,
          {
            action: "return",
            as: "reviewer",
            comment: "Add what you will do with the directory next.",
            pcnId: person.pcnId,
          },
          { id: person.supervisorId },
        );
      }
      if (sample.outcome === "accepted") {
        await moveEvidence(
          db,
          id,
          { action: "accept", as: "reviewer", comment: "A clear, person-centred plan.", pcnId: person.pcnId },
          { id: person.supervisorId },
        );
        if (index % 2 === 0) {
          await recordSignoff(
            db,
            {
              userId: person.id,
              pcnId: person.pcnId,
              competencyId: input.competencyIds[0]!,
              action: "sign-off",
              comment: "Consistently plans from what matters to the person.",
              frameworkVersion: framework.version,
            },
            { id: person.supervisorId },
          );
        }
      }
    }
  }
}

/** Everything a demo portfolio holds: evidence here; training, CPD and supervision from the compliance seed. */
export async function seedPortfolios(db: Kysely<Database>, staff: SeedStaff[]): Promise<void> {
  await seedEvidence(db, staff);
  await seedCompliance(db, staff);
}
