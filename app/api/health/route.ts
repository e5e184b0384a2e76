import { healthStatus } from "@/lib/health/health-status";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(healthStatus(), { headers: { "cache-control": "no-store" } });
}
