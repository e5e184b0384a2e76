import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { openApiDocument } from "./openapi-document";

let body: string | undefined;

/** The OpenAPI document of /api and /v1. It holds no user data: no sign-in, and caches may keep it. */
export function GET(): Response {
  body ??= JSON.stringify(openApiDocument());
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
