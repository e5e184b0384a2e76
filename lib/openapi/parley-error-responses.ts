import { z } from "zod";
import { errorBodySchema, errorStatus, type ErrorCode } from "@/lib/errors";
import type { NamedSchema, ResponseSpec } from "./operation";

// The error responses of an /api operation: one per status, naming each code it answers with
// there and when, all with the one error body of lib/errors.ts.

export type ErrorReasons = Partial<Record<ErrorCode, string>>;

const errorBody: NamedSchema = { name: "Error", schema: errorBodySchema };

/** What every route that serves a signed-in user answers when it cannot (lib/auth/authenticate.ts), or fails. */
export const signedInErrors: ErrorReasons = {
  unauthorized: "Not signed in, the session ended, or the account is not allowed (with login on).",
  host_not_allowed: "Without login: a request addressed to a host name that is not this server's.",
  not_configured: "The server refuses to serve until its operator fixes its configuration (no login on AWS Lambda).",
  internal: "An unexpected failure; nothing about it is disclosed.",
};

/** What a state-changing request sent from another site gets (lib/http/same-origin.ts). */
export const sameOriginErrors: ErrorReasons = {
  cross_site_request: "The request came from another site (`Sec-Fetch-Site` or `Origin`).",
};

/** What a request whose JSON body cannot be read gets (lib/http/read-json-body.ts). */
export const jsonBodyErrors: ErrorReasons = {
  invalid_json: "The body is empty or not JSON.",
  unsupported_media_type: "The body is not sent as `application/json`.",
  payload_too_large: "The body is larger than the route takes.",
  client_closed_request: "The connection closed before the body arrived whole (nobody reads this answer).",
};

/** `reasons`, grouped by status. */
export function parleyErrorResponses(reasons: ErrorReasons): Record<number, ResponseSpec> {
  const byStatus = new Map<number, string[]>();
  for (const [code, reason] of Object.entries(reasons) as [ErrorCode, string][]) {
    const status = errorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${reason}`]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      status,
      {
        description: lines.join("\n\n"),
        content: { "application/json": errorBody },
        ...(status === errorStatus.rate_limited && {
          headers: { "Retry-After": { description: "Seconds until the client may try again.", schema: z.number().int().min(1) } },
        }),
      },
    ]),
  );
}
