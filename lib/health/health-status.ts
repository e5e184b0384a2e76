import { z } from "zod";
import { chatMetrics } from "@/lib/observability/chat-metrics";
import { claimColdStart } from "@/lib/observability/cold-start";
import { currentRequestId } from "@/lib/observability/request-id";
import packageJson from "@/package.json";

export const healthStatusSchema = z.strictObject({
  ok: z.literal(true),
  version: z.string().meta({ description: "Parley's version (package.json)." }),
  coldStart: z.boolean().meta({ description: "This is the first request the server process serves." }),
  uptimeMs: z.number().int().min(0).meta({ description: "How long the server process has run, in milliseconds." }),
});

export type HealthStatus = z.infer<typeof healthStatusSchema>;

/**
 * Cheap enough for a warmer to call every few minutes: no I/O, except one metric line on a cold
 * start. `coldStart` is true when this is the process's first request (chat or health), from the
 * same flag the ColdStart metric counts: a health check that reports it publishes it, and a chat
 * request after it does not count it again.
 */
export function healthStatus(): HealthStatus {
  const coldStart = claimColdStart();
  if (coldStart) chatMetrics.publishColdStart({ requestId: currentRequestId(), route: "/api/health" });
  // The process's age, not this module's: a route module may load long after the process started.
  return { ok: true, version: packageJson.version, coldStart, uptimeMs: Math.round(process.uptime() * 1000) };
}
