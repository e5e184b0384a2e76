import { healthStatus } from "@/lib/health/health-status";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(healthStatus(), { headers: { "cache-control": "no-store" } });
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
