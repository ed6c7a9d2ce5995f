import { describe, expect, it } from "vitest";
import { areaTimelines, currentRatings, type RatingRecord } from "~/domain/self-assessment";

const LEVELS = ["not-yet", "developing", "competent", "confident-to-teach"];
const AREA = { id: "pc", title: "Personalised care", competencyIds: ["pc-1", "pc-2", "pc-3"] };
let nextId = 1;
const rating = (
  competencyId: string,
  level: string,
  ratedAt: string,
  decidedAt: string | null = null,
): RatingRecord => ({
  id: nextId++,
  competencyId,
  level,
  ratedAt: `${ratedAt}T10:00:00.000Z`,
  status: decidedAt ? "confirmed" : "self-rated",
  decidedAt: decidedAt && `${decidedAt}T10:00:00.000Z`,
});

describe("self-assessment figures", () => {
  const ratings = [
    rating("pc-1", "developing", "2026-09-03", "2026-09-20"),
    rating("pc-1", "competent", "2026-11-02"),
    rating("pc-2", "not-yet", "2026-11-05"),
  ];

  it("keep the latest self-rating and the latest confirmed rating apart", () => {
    const pc1 = currentRatings(ratings).get("pc-1")!;
    expect(pc1.self?.level).toBe("competent");
    expect(pc1.confirmed?.level).toBe("developing");
  });

  it("count each area's competencies at each level at the end of each month with a change, up to today", () => {
    const [timeline] = areaTimelines([AREA], LEVELS, ratings, "2026-11-26");
    expect(timeline!.snapshots).toEqual([
      {
        date: "2026-09-30",
        self: { byLevel: [0, 1, 0, 0], unrated: 2 },
        confirmed: { byLevel: [0, 1, 0, 0], unrated: 2 },
      },
      {
        date: "2026-11-26",
        self: { byLevel: [1, 0, 1, 0], unrated: 1 },
        confirmed: { byLevel: [0, 1, 0, 0], unrated: 2 },
      },
    ]);
  });

  it("count a confirmation only from the day it was made", () => {
    const late = [rating("pc-3", "competent", "2026-08-30", "2026-09-02")];
    const [timeline] = areaTimelines([AREA], LEVELS, late, "2026-11-26");
    expect(timeline!.snapshots.map((s) => [s.date, s.self.byLevel[2], s.confirmed.byLevel[2]])).toEqual([
      ["2026-08-31", 1, 0],
      ["2026-09-30", 1, 1],
    ]);
  });
});
