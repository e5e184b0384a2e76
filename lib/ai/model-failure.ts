import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  NoOutputGeneratedError,
  NoSuchModelError,
  RetryError,
  StreamProviderError,
  TypeValidationError,
} from "ai";
import { isContentRefusal } from "./content-refusal";
import { isContextOverflow } from "./context-overflow";
import { isOutOfCredit } from "./out-of-credit";

/** Why a model call failed, told apart by what would help. */
export type ModelFailureKind =
  /** HTTP 429: waiting helps. */
  | "rate-limited"
  /** A 5xx (or 408, 409): the provider's trouble, which usually passes. */
  | "provider-error"
  /** An error event in the middle of the stream (`server_error`): as passing as a 5xx. */
  | "provider-error-mid-answer"
  /** The response started (2xx) and broke off. */
  | "connection-cut"
  /** No answer at all: network, DNS, a refused connection. */
  | "unreachable"
  /** A billing limit: only the operator can add credit. */
  | "out-of-credit"
  /** The conversation does not fit the model's context window. */
  | "context-overflow"
  /** 401, 403: the API key or the account, which only the operator can fix. */
  | "access-refused"
  /** 404: the configured model (or address) does not exist. */
  | "model-not-found"
  /** The provider's content policy refused the request. */
  | "content-refused"
  /** Another 4xx: the provider refuses this request, and would refuse it again. */
  | "request-refused"
  /** The provider sent what the SDK cannot read: a chunk of the wrong shape, broken JSON, a stream without its end. */
  | "invalid-response";

export type ModelFailure = {
  kind: ModelFailureKind;
  /** The HTTP status the provider answered with, if any. */
  statusCode?: number;
  /** How often the call was made, when the AI SDK retried it. */
  attempts?: number;
};

/** Whether making the same call again may succeed, per kind: false means the same request fails the same way. */
const RETRY_MAY_HELP: Record<ModelFailureKind, boolean> = {
  "rate-limited": true,
  "provider-error": true,
  "provider-error-mid-answer": true,
  "connection-cut": true,
  unreachable: true,
  "out-of-credit": false,
  "context-overflow": false,
  "access-refused": false,
  "model-not-found": false,
  "content-refused": false,
  "request-refused": false,
  "invalid-response": false,
};

export function retryMayHelp(failure: ModelFailure): boolean {
  return RETRY_MAY_HELP[failure.kind];
}

/** The kind of a model call's failure, or undefined when the error is not one (a tool's, ours, an unknown one). */
export function classifyModelFailure(error: unknown): ModelFailure | undefined {
  if (RetryError.isInstance(error)) {
    // The SDK retries only what it takes for a provider's passing trouble (its own failures to connect included).
    return { ...(classifyModelFailure(error.lastError) ?? { kind: "unreachable" }), attempts: error.errors.length };
  }
  // A stream that ended cleanly but without its finish: most likely a proxy or an idle timeout cut it.
  if (InvalidResponseDataError.isInstance(error) && /ended without a finish reason/i.test(error.message)) return { kind: "connection-cut" };
  if (isInvalidResponse(error)) return { kind: "invalid-response" };
  if (NoSuchModelError.isInstance(error)) return { kind: "model-not-found" };
  const isStreamError = StreamProviderError.isInstance(error);
  if (!isStreamError && !APICallError.isInstance(error)) return undefined;

  // By what the provider said first: these come with a status (429, 400) that means something else too.
  const { statusCode } = error;
  const status = statusCode === undefined ? {} : { statusCode };
  if (isOutOfCredit(error)) return { kind: "out-of-credit", ...status };
  if (isContextOverflow(error)) return { kind: "context-overflow", ...status };
  if (isContentRefusal(error)) return { kind: "content-refused", ...status };
  if (statusCode === undefined) return { kind: isStreamError ? "provider-error-mid-answer" : "unreachable" };
  return { kind: kindOfStatus(statusCode, isStreamError), statusCode };
}

function kindOfStatus(statusCode: number, isStreamError: boolean): ModelFailureKind {
  if (statusCode < 300) return "connection-cut";
  if (statusCode === 429) return "rate-limited";
  if (statusCode === 401 || statusCode === 403) return "access-refused";
  if (statusCode === 404) return "model-not-found";
  if (statusCode >= 500 || statusCode === 408 || statusCode === 409) return isStreamError ? "provider-error-mid-answer" : "provider-error";
  return "request-refused";
}

/**
 * A response the SDK could not read: a chunk of another shape than the API's (Mistral's tool
 * calls without `index`), JSON that does not parse, data that makes no sense, or an empty body.
 * The provider sends the same to the same request.
 */
function isInvalidResponse(error: unknown): boolean {
  return (
    TypeValidationError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error)
  );
}
