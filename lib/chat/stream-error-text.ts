import { APICallError, InvalidToolInputError, NoSuchToolError, RetryError, StreamProviderError } from "ai";
import { isOutOfCredit } from "@/lib/ai/out-of-credit";
import { ParleyError } from "@/lib/errors";
import { GENERIC_TOOL_ERROR, ToolFailure, UnexpectedToolError } from "@/lib/tools/tool-errors";

/** A billing limit, told apart from a rate limit: waiting does not help, only the operator can. */
const OUT_OF_CREDIT = "The model provider account is out of credit: its operator needs to add credit or raise the spending limit";

/** What the browser is told, after the answer streamed, when storing it failed (disk full, a DynamoDB error). */
export const ANSWER_NOT_SAVED_TEXT = "The answer could not be saved, so it may be gone after a reload. Copy what you need now.";

/**
 * What the browser is told when the answer or a tool call fails: enough to act on, nothing
 * internal. Provider URLs, keys, response bodies and stacks stay in the server log.
 */
export function toSafeStreamErrorText(error: unknown): string {
  // Ours, written for the user (e.g. a further step of the answer finds today's token budget used up).
  if (error instanceof ParleyError) return error.message;
  if (error instanceof ToolFailure) return error.message;
  if (error instanceof UnexpectedToolError) return GENERIC_TOOL_ERROR;
  if (InvalidToolInputError.isInstance(error)) return "The model called the tool with input it does not accept.";
  if (NoSuchToolError.isInstance(error)) return "The model called a tool that does not exist.";
  if (RetryError.isInstance(error)) {
    const attempts = error.errors.length;
    return `${describeProviderError(error.lastError)} (tried ${attempts} time${attempts === 1 ? "" : "s"}).`;
  }
  if (APICallError.isInstance(error)) return `${describeProviderError(error)}.`;
  if (isOutOfCredit(error)) return `${OUT_OF_CREDIT}.`;
  if (StreamProviderError.isInstance(error)) {
    const status = error.statusCode === undefined ? "" : ` (HTTP ${error.statusCode})`;
    return `The model provider failed in the middle of the answer${status}.`;
  }
  return "Something went wrong while answering. Please try again.";
}

function describeProviderError(error: unknown): string {
  if (!APICallError.isInstance(error)) return "The model provider could not be reached";
  if (isOutOfCredit(error)) return OUT_OF_CREDIT;
  const { statusCode } = error;
  // A 2xx here is a response that started fine and then broke off.
  if (statusCode !== undefined && statusCode < 300) return "The connection to the model provider broke off in the middle of the answer";
  if (statusCode === 429) return "The model provider is rate limiting requests (HTTP 429)";
  if (statusCode === 401 || statusCode === 403) return `The model provider refused the credentials (HTTP ${statusCode})`;
  if (statusCode !== undefined) return `The model provider answered with HTTP ${statusCode}`;
  return "The model provider could not be reached";
}
