import { checkHealth } from "~/services/health.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";

/** For load balancers and monitoring: 200 when this instance can serve and save, 503 when it cannot. */
export async function loader() {
  const health = await checkHealth(getDb(), { dataDir: env().DATA_DIR, minFreeMb: env().HEALTH_MIN_FREE_MB });
  return Response.json(
    { status: health.healthy ? "ok" : "unhealthy", checks: health.checks },
    { status: health.healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
