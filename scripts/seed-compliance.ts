/**
 * Demo training, CPD and supervision for the demo staff, made through the app's models and dated relative to the
 * day the seed runs, so the demo looks the same whenever it is set up: most staff ready, their courses verified; the
 * new starter Jack Thompson not ready (his PCI-accredited course is not booked yet); Liam O'Connor ready pending
 * verification (he has uploaded his coaching programme certificate, but nobody has checked it yet); some annual
 * training expiring soon or expired; Daniel Kowalski overdue for supervision.
 */
import type { TZDate } from "@date-fns/tz";
import { addDays, min, subDays, subMonths } from "date-fns";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { checkUpload } from "~/domain/file-check";
import { expectedIntervalDays } from "~/domain/supervision-cadence";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { storeAttachment } from "~/models/attachment.server";
import { verifyTrainingRecord } from "~/models/training.server";
import { findRole, getContent } from "~/content/index.server";
import { env } from "~/lib/env.server";
import { makeCpd, makeMeeting, makeTraining } from "./lib/factories/compliance";

export interface SeedStaff {
  id: number;
  pcnId: number | null;
  supervisorId: number;
  jobRole: string;
  fte: number | null;
  startDate: string | null;
}

const NEW_STARTER = "Jack Thompson";
const OVERDUE_SUPERVISION = "Daniel Kowalski";
const AWAITING_VERIFICATION = "Liam O'Connor";
/** Annual training that has slipped for some staff: person's name → requirement → months since completion. */
const SLIPPED: Record<string, Record<string, number>> = {
  "Mohammed Ali": { "resuscitation-basic-life-support": 11 }, // expiring soon
  "Zoë Clarke": { "information-governance": 13 }, // expired
  "Aisha Begum": { "fire-safety": 23 }, // expiring soon
  "Liam O'Connor": { "moving-handling": 25 }, // expired
};

/** A one-page PDF with a line of text; the byte offsets in its cross-reference table are worked out as it is built. */
function certificatePdf(text: string): Uint8Array<ArrayBuffer> {
  const safe = text.replace(/[()\\]/g, "").replace(/[^\x20-\x7e]/g, "?");
  const stream = `BT /F1 16 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

export async function seedCompliance(db: Kysely<Database>, staff: SeedStaff[]): Promise<void> {
  const content = getContent();
  const today = parseCalendarDate(todayInLondon(new Date()));
  const date = (d: TZDate) => formatCalendarDate(d);
  const names = new Map(
    (
      await db
        .selectFrom("users")
        .select(["id", "name"])
        .where(
          "id",
          "in",
          staff.map((s) => s.id),
        )
        .execute()
    ).map((u) => [u.id, u.name]),
  );

  for (const [index, person] of staff.entries()) {
    const name = names.get(person.id) ?? "";
    const role = findRole(content, person.jobRole);
    if (!role) continue;
    const newStarter = name === NEW_STARTER;
    const started = person.startDate ? parseCalendarDate(person.startDate) : subMonths(today, 12);

    // Training. The new starter has done his statutory e-learning and is enrolled on the PCI modules, but has not
    // booked the accredited course; everyone else has done it all, at various times.
    for (const [n, requirementId] of role.requirements.entries()) {
      const requirement = content.trainingRequirements.requirements.find((r) => r.id === requirementId)!;
      if (newStarter) {
        if (requirement.kind === "accredited-course") continue;
        if (requirement.requiredBeforeReferrals)
          await makeTraining(db, person, requirementId, { status: "enrolled", provider: requirement.provider });
        else
          await makeTraining(db, person, requirementId, {
            completedOn: date(min([addDays(started, 3 + (n % 10)), today])),
            provider: "e-Learning for Healthcare",
          });
        continue;
      }
      const monthsAgo = SLIPPED[name]?.[requirementId] ?? 1 + ((index * 3 + n) % 9);
      const completedOn = date(subMonths(today, monthsAgo));
      if (requirement.requiredBeforeReferrals) {
        // Accredited courses and PCI modules come with a certificate the supervisor has checked, bar one.
        const bytes = certificatePdf(`Certificate of completion: ${requirement.title}, ${name}, ${completedOn}`);
        const checked = checkUpload({ name: `${requirementId}-certificate.pdf`, bytes });
        if (!checked.ok) throw new Error(checked.message);
        const attachment = await storeAttachment(
          db,
          env().DATA_DIR,
          { ownerId: person.id, pcnId: person.pcnId, checked, bytes },
          { id: person.id },
        );
        const id = await makeTraining(db, person, requirementId, {
          completedOn,
          provider: requirement.provider,
          attachmentId: attachment.id,
        });
        if (!(name === AWAITING_VERIFICATION && requirement.verifyBeforeReferrals)) {
          await verifyTrainingRecord(
            db,
            person,
            id,
            { method: "certificate", note: null },
            { id: person.supervisorId, ip: null },
          );
        }
      } else {
        await makeTraining(db, person, requirementId, { completedOn, provider: "e-Learning for Healthcare" });
      }
    }

    // CPD: a few entries this year and last, fewer for the new starter.
    const cpd = [
      {
        activity: "PCI webinar: personalised care and support planning in practice",
        type: "webinar",
        hours: 1.5,
        daysAgo: 20 + index * 3,
        competencyIds: ["pc-2"],
      },
      {
        activity: "Peer support network meeting",
        type: "peer-support",
        hours: 2,
        daysAgo: 45 + index * 5,
        competencyIds: ["rel-1"],
      },
      {
        activity: "E-learning: motivational interviewing basics",
        type: "e-learning",
        hours: 3,
        daysAgo: 110 + index * 7,
        competencyIds: ["com-1"],
      },
      {
        activity: "Reading: NHS England guidance on proactive care",
        type: "reading",
        hours: 1,
        daysAgo: 300 + index * 11,
        competencyIds: [],
      },
      {
        activity: "Training hub course: working with carers",
        type: "formal-course",
        hours: 6,
        daysAgo: 420 + index * 13,
        competencyIds: ["rel-2", "pc-4"],
      },
    ];
    for (const entry of newStarter ? cpd.slice(0, 1) : cpd) {
      const activityDate = date(subDays(today, Math.min(entry.daysAgo, newStarter ? 10 : entry.daysAgo)));
      await makeCpd(db, person, {
        activity: entry.activity,
        activityDate,
        hours: entry.hours,
        type: entry.type,
        provider: entry.type === "reading" ? null : "Riverside PCN training hub",
        reflection: "What I took from it and how I will use it with the people I support.",
        competencyIds: entry.competencyIds,
      });
    }

    // Supervision: meetings at a comfortable margin inside the person's interval, the latest a few days ago, except
    // for the person who has slipped.
    const interval = expectedIntervalDays(person.fte ?? 1, content.supervisionPolicy);
    const latestDaysAgo = name === OVERDUE_SUPERVISION ? interval + 12 : 4 + (index % 5);
    for (let m = 0; m < 4; m += 1) {
      const metOn = subDays(today, latestDaysAgo + m * (interval - 5));
      if (metOn < started) break;
      await makeMeeting(db, person, person.supervisorId, {
        metOn: date(metOn),
        minutes: 45 + (m % 2) * 15,
        mode: m % 2 ? "virtual" : "face-to-face",
        topics: [
          "Caseload review and priorities",
          "Reflection on a complex hospital discharge",
          "Training plan and CPD",
          "Working with the MDT",
        ][m]!,
        patientConcerns: m === 1,
        safeguardingConcerns: m === 2 && index % 3 === 0,
        actions: m === 0 ? "Book the next meeting; review progress on the competency framework" : "None",
      });
    }
  }
}
