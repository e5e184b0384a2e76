import { z } from "zod";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";

// One error type for everything the API answers with a non-2xx status.

export const errorStatus = {
  invalid_json: 400,
  invalid_request: 400,
  /** Not signed in, the session ended, or the account is not on the allowlist. */
  unauthorized: 401,
  /** A state-changing request that came from another site (CSRF). */
  cross_site_request: 403,
  /** Without login, a request for a host name that is not this server's (DNS rebinding). */
  host_not_allowed: 403,
  not_found: 404,
  /** The route exists, but not for this HTTP method. */
  method_not_allowed: 405,
  /** An answer is still being written in the chat: one at a time (Stop it, or wait for it). */
  answer_in_progress: 409,
  /** The same message was sent again after its answer was stored: one answer per message (Regenerate asks for another). */
  already_answered: 409,
  /** The account holds the most personal API keys it may: revoke one to create another. */
  too_many_api_keys: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A quota is used up: the body says when the user can continue, and so does `Retry-After`. */
  rate_limited: 429,
  /**
   * The client closed the connection before its request arrived whole: nobody reads the answer
   * (499, nginx's "client closed request"), and it is not a fault of the server.
   */
  client_closed_request: 499,
  internal: 500,
  /** The model (or the server around it) failed before the answer was whole: for clients that wait for a whole answer. */
  model_failed: 502,
  /** The server refuses to serve until its operator fixes its configuration (e.g. no login on AWS). */
  not_configured: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

/** What every error response holds; `retryAt` (ISO 8601) only with `rate_limited`, as `Retry-After` says too. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(errorStatus) as ErrorCode[]),
    message: z.string().meta({ description: "What went wrong, to show to the user." }),
    retryAt: z.iso.datetime().optional().meta({ description: "When the client may try again." }),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ParleyError extends Error {
  override name = "ParleyError";
  readonly code: ErrorCode;
  /** For `rate_limited`: when the client may try again (epoch milliseconds). */
  readonly retryAt: number | undefined;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions & { retryAt?: number }) {
    super(message, options);
    this.code = code;
    this.retryAt = options?.retryAt;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    const retryAt = this.retryAt === undefined ? {} : { retryAt: new Date(this.retryAt).toISOString() };
    return { error: { code: this.code, message: this.message, ...retryAt } };
  }

  toResponse(now = Date.now()): Response {
    const headers = new Headers();
    if (this.retryAt !== undefined) headers.set("retry-after", String(Math.max(1, Math.ceil((this.retryAt - now) / 1000))));
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

/**
 * Turns any thrown value into a JSON response; unexpected errors become a 500 without internals,
 * logged with `logKeys` (e.g. the request id). A client that went away is an info line, not an error.
 */
export function toErrorResponse(error: unknown, logKeys?: Record<string, unknown>): Response {
  if (error instanceof ParleyError) {
    if (error.code === "client_closed_request") logger.info("client closed the request", { ...logKeys, error: errorForLog(error.cause) });
    return error.toResponse();
  }
  logger.error("unhandled request error", { ...logKeys, error: errorForLog(error) });
  return new ParleyError("internal", "Something went wrong on our side. Please try again.").toResponse();
}
