import type { LanguageModelV4Middleware } from "@ai-sdk/provider";
import { APICallError } from "ai";
import { providerErrorFields } from "./provider-error-fields";

/** OpenAI's code (and type) for a billing limit: HTTP 429 like a rate limit, but waiting does not cure it. */
const INSUFFICIENT_QUOTA = "insufficient_quota";

/**
 * Whether a provider error says the account is out of credit: as an HTTP 429 answer, as an error
 * event before any output (an `APICallError`, status 429 made up by the SDK), or mid-stream.
 */
export function isOutOfCredit(error: unknown): boolean {
  return providerErrorFields(error).codes.includes(INSUFFICIENT_QUOTA);
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
