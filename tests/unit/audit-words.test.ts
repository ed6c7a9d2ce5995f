import { describe, expect, it } from "vitest";
import { auditChanges, auditSentence, referencedIds, type AuditLookup, type AuditRow } from "~/domain/audit-words";

const lookup: AuditLookup = {
  person: (id) => ({ 1: "Priya Shah", 2: "Jack Thompson", 3: "Grace Okafor" })[id],
  pcn: (id) => (id === 9 ? "Riverside Health PCN" : undefined),
  file: (id) => (id === 40 ? "PCI certificate.pdf" : undefined),
  requirement: (id) => (id === "pci-care-coordinator-training" ? "PCI course" : undefined),
  competency: (id) => (id === "pc-1" ? "Uses a personalised care approach" : undefined),
  jobRole: (id) => (id === "care-coordinator" ? "Care coordinator" : undefined),
  appRole: (id) => (id === "lead" ? "PCN lead" : undefined),
};

const row = (over: Partial<AuditRow>): AuditRow => ({
  actorId: 1,
  actorName: "Priya Shah",
  entity: "training",
  action: "verify",
  subjectId: 2,
  subjectName: "Jack Thompson",
  recordKey: "pci-care-coordinator-training",
  before: null,
  after: null,
  ...over,
});

describe("an audit entry as a sentence", () => {
  it.each([
    [row({}), "Priya Shah verified Jack Thompson’s PCI course record"],
    [row({ actorId: 2, actorName: "Jack Thompson", action: "create" }), "Jack Thompson added their PCI course record"],
    [
      row({ entity: "cpd", action: "delete", recordKey: "Webinar on coaching" }),
      "Priya Shah deleted Jack Thompson’s CPD entry “Webinar on coaching”",
    ],
    [
      row({ entity: "evidence", action: "return", recordKey: "MDT reflection" }),
      "Priya Shah returned Jack Thompson’s evidence “MDT reflection”",
    ],
    [
      row({ entity: "competency", action: "sign-off", recordKey: "pc-1" }),
      "Priya Shah signed off Jack Thompson’s competency “Uses a personalised care approach”",
    ],
    [
      row({ entity: "competency", action: "withdraw", recordKey: "pc-1" }),
      "Priya Shah withdrew the sign-off of Jack Thompson’s competency “Uses a personalised care approach”",
    ],
    [
      row({ entity: "supervision_meeting", action: "create", recordKey: "2026-03-07" }),
      "Priya Shah added Jack Thompson’s supervision meeting on 7 March 2026",
    ],
    [
      row({ entity: "supervision_arrangement", action: "create", recordKey: "supervisor:Grace Okafor" }),
      "Priya Shah recorded Grace Okafor as Jack Thompson’s supervisor",
    ],
    [
      row({ entity: "supervision_arrangement", action: "end", recordKey: "line-manager:Grace Okafor" }),
      "Priya Shah ended Grace Okafor’s arrangement as Jack Thompson’s line manager",
    ],
    [row({ entity: "user", action: "update" }), "Priya Shah changed Jack Thompson’s details"],
    [
      row({ entity: "user", action: "issue-password-link" }),
      "Priya Shah created a set-password link for Jack Thompson",
    ],
    [
      row({ entity: "user", action: "change-password", actorId: 2, actorName: "Jack Thompson" }),
      "Jack Thompson changed their password",
    ],
    [
      row({ entity: "pcn", action: "create", subjectId: null, subjectName: null, recordKey: "Riverside Health PCN" }),
      "Priya Shah added the PCN Riverside Health PCN",
    ],
    [row({ actorId: null, actorName: null, action: "update" }), "The system changed Jack Thompson’s PCI course record"],
  ])("%#: %s", (entry, sentence) => {
    expect(auditSentence(entry, lookup)).toBe(sentence);
  });

  it("an action it has no words for yet still reads as words, not a code", () => {
    expect(auditSentence(row({ action: "re-open" }), lookup)).toBe(
      "Priya Shah re open Jack Thompson’s PCI course record",
    );
  });
});

describe("the changes an entry made", () => {
  it("names fields by their labels, people and files by their names, codes by their words, and skips what did not change", () => {
    const changes = auditChanges(
      {
        entity: "training",
        before: {
          requirementId: "pci-care-coordinator-training",
          status: "enrolled",
          completedOn: null,
          attachmentId: null,
          verifiedBy: null,
          provider: "PCI",
        },
        after: {
          requirementId: "pci-care-coordinator-training",
          status: "completed",
          completedOn: "2026-03-07",
          attachmentId: 40,
          verifiedBy: 1,
          provider: "PCI",
          verificationMethod: "esr",
        },
      },
      lookup,
    );
    expect(changes).toEqual([
      { label: "Status", before: "Enrolled", after: "Completed" },
      { label: "Date completed", before: "None", after: "7 March 2026" },
      { label: "Certificate", before: "None", after: "PCI certificate.pdf" },
      { label: "Verified by", before: "None", after: "Priya Shah" },
      { label: "What was checked", before: null, after: "checked the ESR record" },
    ]);
  });

  it("a new record lists what it holds; the owner's id and content versions are left out", () => {
    const changes = auditChanges(
      {
        entity: "user",
        before: null,
        after: {
          userId: 2,
          name: "Jack Thompson",
          pcnId: 9,
          jobRole: "care-coordinator",
          roles: ["lead"],
          active: true,
          contentVersion: "3",
        },
      },
      lookup,
    );
    expect(changes).toEqual([
      { label: "Name", before: null, after: "Jack Thompson" },
      { label: "PCN", before: null, after: "Riverside Health PCN" },
      { label: "Job role", before: null, after: "Care coordinator" },
      { label: "Roles in Care Portfolio", before: null, after: "PCN lead" },
      { label: "Account active", before: null, after: "Yes" },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/care-coordinator|"9"|contentVersion/);
  });

  it("finds the people, PCNs and files a page mentions by id", () => {
    expect(
      referencedIds([{ before: { verifiedBy: null }, after: { verifiedBy: 3, pcnId: 9, attachmentIds: [40, 41] } }]),
    ).toEqual({ people: [3], pcns: [9], files: [40, 41] });
  });
});
