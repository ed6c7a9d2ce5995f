import { describe, expect, it } from "vitest";
import { referralReadiness, type TrainingRecord, type TrainingRequirement } from "~/domain/readiness";

// Fixture content, shaped like the content files (extra fields included on purpose).
function requirement(
  id: string,
  title: string,
  rules: Partial<Pick<TrainingRequirement, "renewalMonths" | "requiredBeforeReferrals" | "underWayCounts">> & {
    kind?: string;
  } = {},
) {
  return {
    id,
    title,
    provider: "Test provider",
    kind: rules.kind ?? "e-learning",
    renewalMonths: rules.renewalMonths ?? null,
    requiredBeforeReferrals: rules.requiredBeforeReferrals ?? true,
    underWayCounts: rules.underWayCounts ?? false,
    proof: "Certificate",
  };
}

const pci = requirement("pci-course", "PCI accredited care coordinator training", {
  kind: "accredited-course",
  underWayCounts: true,
});
const ig = requirement("ig", "Information governance and data security", {
  kind: "statutory-mandatory",
  renewalMonths: 12,
});
const pcsp = requirement("pcsp", "Personalised care and support planning e-learning");
const supervision = requirement("supervision", "Monthly supervision", { kind: "supervision", requiredBeforeReferrals: false });
const sdm = requirement("sdm", "Shared decision making e-learning");
const safeguarding = requirement("safeguarding-adults", "Safeguarding adults level 2", {
  kind: "statutory-mandatory",
  renewalMonths: 36,
});

const v1Requirements = new Map([pci, ig, pcsp, supervision, sdm].map((r) => [r.id, r]));
const v1Role = {
  id: "care-coordinator",
  title: "Care coordinator",
  requirements: ["pci-course", "ig", "pcsp", "supervision"],
  recommended: ["sdm"],
};

const today = "2026-03-10";
const done = (requirementId: string, completedOn = "2026-01-15"): TrainingRecord => ({
  requirementId,
  status: "completed",
  completedOn,
});
const allDone = [done("pci-course"), done("ig"), done("pcsp")];

describe("referralReadiness", () => {
  it("is ready when every required training is complete and current", () => {
    expect(referralReadiness(v1Role, v1Requirements, allDone, today)).toEqual({ ready: true, blockers: [] });
  });

  it("lists each missing requirement in the role's order, ignoring recommended and on-the-job items", () => {
    expect(referralReadiness(v1Role, v1Requirements, [], today)).toEqual({
      ready: false,
      blockers: [
        "PCI accredited care coordinator training: not started",
        "Information governance and data security: not started",
        "Personalised care and support planning e-learning: not started",
      ],
    });
  });

  it("does not let a record for some other training stand in for a requirement", () => {
    const records = [done("pci-course"), done("ig"), done("sdm")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).blockers).toEqual([
      "Personalised care and support planning e-learning: not started",
    ]);
  });

  it("accepts being enrolled or part way through where the rules allow it", () => {
    for (const status of ["enrolled", "undertaking"] as const) {
      const records = [{ requirementId: "pci-course", status, completedOn: null }, done("ig"), done("pcsp")];
      expect(referralReadiness(v1Role, v1Requirements, records, today).ready).toBe(true);
    }
  });

  it("says the training must be completed where being under way is not enough", () => {
    const enrolled = [done("pci-course"), { requirementId: "ig", status: "enrolled" as const, completedOn: null }, done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, enrolled, today).blockers).toEqual([
      "Information governance and data security: enrolled, but must be completed",
    ]);
    const undertaking = [done("pci-course"), done("ig"), { requirementId: "pcsp", status: "undertaking" as const, completedOn: null }];
    expect(referralReadiness(v1Role, v1Requirements, undertaking, today).blockers).toEqual([
      "Personalised care and support planning e-learning: in progress, but must be completed",
    ]);
  });

  it("names the date renewable training expired on", () => {
    const records = [done("pci-course"), done("ig", "2025-03-03"), done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today)).toEqual({
      ready: false,
      blockers: ["Information governance and data security: expired on 3 March 2026"],
    });
  });

  it("still counts training that is about to expire", () => {
    const records = [done("pci-course"), done("ig", "2025-04-01"), done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).ready).toBe(true);
  });

  it("uses the latest completion when there are several records, whatever their order", () => {
    const records = [done("ig", "2024-02-01"), done("pci-course"), done("ig", "2025-12-01"), done("ig", "2023-06-01"), done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).ready).toBe(true);
    expect(referralReadiness(v1Role, v1Requirements, [...records].reverse(), today).ready).toBe(true);
  });

  it("reports a refresher under way rather than the lapsed completion", () => {
    const records = [done("pci-course"), done("ig", "2024-02-01"), { requirementId: "ig", status: "enrolled" as const, completedOn: null }, done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).blockers).toEqual([
      "Information governance and data security: enrolled, but must be completed",
    ]);
  });

  it("asks for the date when a completion was recorded without one", () => {
    const records = [done("pci-course"), { requirementId: "ig", status: "completed" as const, completedOn: null }, done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).blockers).toEqual([
      "Information governance and data security: completed, but the completion date is missing",
    ]);
  });

  it("makes a ready person not ready when a new content version adds a requirement", () => {
    const v2Requirements = new Map([...v1Requirements, [safeguarding.id, safeguarding]]);
    const v2Role = { ...v1Role, requirements: [...v1Role.requirements, "safeguarding-adults"] };

    expect(referralReadiness(v1Role, v1Requirements, allDone, today).ready).toBe(true);
    expect(referralReadiness(v2Role, v2Requirements, allDone, today)).toEqual({
      ready: false,
      blockers: ["Safeguarding adults level 2: not started"],
    });
    expect(referralReadiness(v2Role, v2Requirements, [...allDone, done("safeguarding-adults")], today).ready).toBe(true);
  });

  it("fails loudly when a role points at training the content does not define", () => {
    const broken = { ...v1Role, requirements: [...v1Role.requirements, "no-such-course"] };
    expect(() => referralReadiness(broken, v1Requirements, allDone, today)).toThrow(/no-such-course/);
  });
});
