import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/load.server";
import { referralReadiness, type TrainingRecord, type TrainingRequirement } from "~/domain/readiness";

// Fixture content, shaped like the content files (extra fields included on purpose).
function requirement(
  id: string,
  title: string,
  rules: Partial<
    Pick<TrainingRequirement, "renewalMonths" | "requiredBeforeReferrals" | "underWayCounts" | "verifyBeforeReferrals">
  > & {
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
    verifyBeforeReferrals: rules.verifyBeforeReferrals ?? false,
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
const supervision = requirement("supervision", "Monthly supervision", {
  kind: "supervision",
  requiredBeforeReferrals: false,
});
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
  verifiedAt: null,
});
const allDone = [done("pci-course"), done("ig"), done("pcsp")];

describe("referralReadiness", () => {
  it("is ready when every required training is complete and current", () => {
    expect(referralReadiness(v1Role, v1Requirements, allDone, today)).toEqual({
      state: "ready",
      blockers: [],
      awaitingVerification: [],
    });
  });

  it("lists each missing requirement in the role's order, ignoring recommended and on-the-job items", () => {
    expect(referralReadiness(v1Role, v1Requirements, [], today)).toEqual({
      state: "not-ready",
      awaitingVerification: [],
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
      const records = [
        { requirementId: "pci-course", status, completedOn: null, verifiedAt: null },
        done("ig"),
        done("pcsp"),
      ];
      expect(referralReadiness(v1Role, v1Requirements, records, today).state).toBe("ready");
    }
  });

  it("says the training must be completed where being under way is not enough", () => {
    const enrolled = [
      done("pci-course"),
      { requirementId: "ig", status: "enrolled" as const, completedOn: null, verifiedAt: null },
      done("pcsp"),
    ];
    expect(referralReadiness(v1Role, v1Requirements, enrolled, today).blockers).toEqual([
      "Information governance and data security: enrolled, but must be completed",
    ]);
    const undertaking = [
      done("pci-course"),
      done("ig"),
      { requirementId: "pcsp", status: "undertaking" as const, completedOn: null, verifiedAt: null },
    ];
    expect(referralReadiness(v1Role, v1Requirements, undertaking, today).blockers).toEqual([
      "Personalised care and support planning e-learning: in progress, but must be completed",
    ]);
  });

  it("names the date renewable training expired on", () => {
    const records = [done("pci-course"), done("ig", "2025-03-03"), done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today)).toEqual({
      state: "not-ready",
      awaitingVerification: [],
      blockers: ["Information governance and data security: expired on 3 March 2026"],
    });
  });

  it("still counts training that is about to expire", () => {
    const records = [done("pci-course"), done("ig", "2025-04-01"), done("pcsp")];
    expect(referralReadiness(v1Role, v1Requirements, records, today).state).toBe("ready");
  });

  it("uses the latest completion when there are several records, whatever their order", () => {
    const records = [
      done("ig", "2024-02-01"),
      done("pci-course"),
      done("ig", "2025-12-01"),
      done("ig", "2023-06-01"),
      done("pcsp"),
    ];
    expect(referralReadiness(v1Role, v1Requirements, records, today).state).toBe("ready");
    expect(referralReadiness(v1Role, v1Requirements, [...records].reverse(), today).state).toBe("ready");
  });

  it("reports a refresher under way rather than the lapsed completion", () => {
    const records = [
      done("pci-course"),
      done("ig", "2024-02-01"),
      { requirementId: "ig", status: "enrolled" as const, completedOn: null, verifiedAt: null },
      done("pcsp"),
    ];
    expect(referralReadiness(v1Role, v1Requirements, records, today).blockers).toEqual([
      "Information governance and data security: enrolled, but must be completed",
    ]);
  });

  it("asks for the date when a completion was recorded without one", () => {
    const records = [
      done("pci-course"),
      { requirementId: "ig", status: "completed" as const, completedOn: null, verifiedAt: null },
      done("pcsp"),
    ];
    expect(referralReadiness(v1Role, v1Requirements, records, today).blockers).toEqual([
      "Information governance and data security: completed, but the completion date is missing",
    ]);
  });

  it("makes a ready person not ready when a new content version adds a requirement", () => {
    const v2Requirements = new Map([...v1Requirements, [safeguarding.id, safeguarding]]);
    const v2Role = { ...v1Role, requirements: [...v1Role.requirements, "safeguarding-adults"] };

    expect(referralReadiness(v1Role, v1Requirements, allDone, today).state).toBe("ready");
    expect(referralReadiness(v2Role, v2Requirements, allDone, today)).toEqual({
      state: "not-ready",
      awaitingVerification: [],
      blockers: ["Safeguarding adults level 2: not started"],
    });
    expect(referralReadiness(v2Role, v2Requirements, [...allDone, done("safeguarding-adults")], today).state).toBe(
      "ready",
    );
  });

  it("fails loudly when a role points at training the content does not define", () => {
    const broken = { ...v1Role, requirements: [...v1Role.requirements, "no-such-course"] };
    expect(() => referralReadiness(broken, v1Requirements, allDone, today)).toThrow(/no-such-course/);
  });
});

describe("declared and verified readiness, from the content fixtures", () => {
  // The minimal fixture's accredited course leaves verifyBeforeReferrals out, so it takes the default (true); its
  // yearly refresher is not needed before referrals.
  const content = loadContent(path.resolve("tests/fixtures/content/minimal"));
  const byId = new Map(content.trainingRequirements.requirements.map((r) => [r.id, r]));
  const tester = content.roles.roles.find((r) => r.id === "tester")!;
  const record = (
    requirementId: string,
    status: TrainingRecord["status"],
    verifiedAt: string | null = null,
  ): TrainingRecord => ({
    requirementId,
    status,
    completedOn: status === "completed" ? "2026-01-15" : null,
    verifiedAt,
  });

  it("verification is needed before referrals for the accredited course by default, and not for other training", () => {
    expect(byId.get("course")!.verifyBeforeReferrals).toBe(true);
    expect(byId.get("refresher")!.verifyBeforeReferrals).toBe(false);
  });

  it("is ready (verified) when the course is met by a verified record", () => {
    expect(referralReadiness(tester, byId, [record("course", "completed", "2026-02-01T10:00:00.000Z")], today)).toEqual(
      { state: "ready", blockers: [], awaitingVerification: [] },
    );
  });

  it("is ready pending verification when the course is met only by self-declaration, enrolled or completed", () => {
    expect(referralReadiness(tester, byId, [record("course", "enrolled")], today)).toEqual({
      state: "pending-verification",
      blockers: [],
      awaitingVerification: ["Accredited course: enrolled, not yet verified"],
    });
    expect(referralReadiness(tester, byId, [record("course", "completed")], today).awaitingVerification).toEqual([
      "Accredited course: completed, not yet verified",
    ]);
  });

  it("is not ready when the course is not recorded, whatever else is verified", () => {
    expect(
      referralReadiness(tester, byId, [record("refresher", "completed", "2026-02-01T10:00:00.000Z")], today),
    ).toEqual({
      state: "not-ready",
      blockers: ["Accredited course: not started"],
      awaitingVerification: [],
    });
  });

  it("keeps a verified enrolment counting after the person records a completion not yet verified", () => {
    const records = [record("course", "enrolled", "2026-01-01T10:00:00.000Z"), record("course", "completed")];
    expect(referralReadiness(tester, byId, records, today).state).toBe("ready");
  });

  it("accepts a self-declared record where the content says verification is not needed first", () => {
    const relaxed = new Map([...byId, ["course", { ...byId.get("course")!, verifyBeforeReferrals: false }]]);
    expect(referralReadiness(tester, relaxed, [record("course", "completed")], today).state).toBe("ready");
  });
});
