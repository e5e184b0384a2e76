import { ParleyError, toErrorResponse, type ErrorCode } from "@/lib/errors";

/** OpenAI's error `type` for each of Parley's error codes: what OpenAI's clients sort errors by. */
const openAiErrorType: Record<ErrorCode, string> = {
  invalid_json: "invalid_request_error",
  invalid_request: "invalid_request_error",
  unauthorized: "authentication_error",
  cross_site_request: "permission_error",
  host_not_allowed: "permission_error",
  not_found: "not_found_error",
  method_not_allowed: "invalid_request_error",
  answer_in_progress: "conflict_error",
  already_answered: "conflict_error",
  too_many_api_keys: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  unsupported_media_type: "invalid_request_error",
  rate_limited: "rate_limit_error",
  client_closed_request: "invalid_request_error",
  internal: "server_error",
  model_failed: "server_error",
  not_configured: "server_error",
};

/** OpenAI's name for the codes its clients look for; Parley's own code otherwise. */
const openAiCode: Partial<Record<ErrorCode, string>> = { unauthorized: "invalid_api_key", rate_limited: "rate_limit_exceeded" };

/**
 * Any thrown value as OpenAI's error response: `{ error: { message, type, code, param } }` with
 * the status and `Retry-After` Parley's own error would have (unexpected errors are logged and
 * become a 500 without internals, as everywhere).
 */
export function toOpenAiErrorResponse(error: unknown, logKeys?: Record<string, unknown>): Response {
  const response = toErrorResponse(error, logKeys);
  const code: ErrorCode = error instanceof ParleyError ? error.code : "internal";
  const message = error instanceof ParleyError ? error.message : "Something went wrong on our side. Please try again.";
  const body = { error: { message, type: openAiErrorType[code], code: openAiCode[code] ?? code, param: null } };
  const headers = new Headers(response.headers);
  // A failed answer is stored already: OpenAI's clients would retry a 502, and each retry would be another turn.
  if (code === "model_failed") headers.set("x-should-retry", "false");
  return Response.json(body, { status: response.status, headers });
}
