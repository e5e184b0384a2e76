import type { LanguageModelV4Middleware } from "@ai-sdk/provider";
import { APICallError, StreamProviderError } from "ai";

/** OpenAI's code (and type) for a billing limit: HTTP 429 like a rate limit, but waiting does not cure it. */
const INSUFFICIENT_QUOTA = "insufficient_quota";

/**
 * Whether a provider error says the account is out of credit: as an HTTP 429 answer, as an error
 * event before any output (an `APICallError`, status 429 made up by the SDK), or mid-stream.
 */
export function isOutOfCredit(error: unknown): boolean {
  if (StreamProviderError.isInstance(error)) return error.code === INSUFFICIENT_QUOTA || error.type === INSUFFICIENT_QUOTA;
  return APICallError.isInstance(error) && errorCodesIn(error.data).includes(INSUFFICIENT_QUOTA);
}

/**
 * The AI SDK retries every 429; an account out of credit answers the same to every retry, so the
 * user would only wait longer for the same error. This makes that error final on the first call.
 */
export const outOfCreditIsFinalMiddleware: LanguageModelV4Middleware = {
  specificationVersion: "v4",
  wrapStream: async ({ doStream }) => {
    try {
      return await doStream();
    } catch (error) {
      throw APICallError.isInstance(error) && error.isRetryable && isOutOfCredit(error) ? notRetryable(error) : error;
    }
  },
};

function notRetryable(error: APICallError): APICallError {
  const { message, url, requestBodyValues, statusCode, responseHeaders, responseBody, cause, data } = error;
  return new APICallError({ message, url, requestBodyValues, statusCode, responseHeaders, responseBody, cause, data, isRetryable: false });
}

/** `code` and `type` of the error bodies OpenAI-compatible servers send: `{ error }`, a stream event, `response.failed`. */
function errorCodesIn(data: unknown): unknown[] {
  const body = asRecord(data);
  return [body, asRecord(body?.error), asRecord(asRecord(body?.response)?.error)].flatMap((details) => [details?.code, details?.type]);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}
