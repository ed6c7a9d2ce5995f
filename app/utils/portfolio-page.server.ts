import { competencyMatrix } from "~/models/portfolio.server";
import { getDb } from "./db.server";
import { frameworkOutline } from "./framework.server";

export async function matrixFor(userId: number) {
  return competencyMatrix(getDb(), userId, { areas: frameworkOutline() });
}
