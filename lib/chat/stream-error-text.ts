import { InvalidToolInputError, NoSuchToolError } from "ai";
import { classifyModelFailure } from "@/lib/ai/model-failure";
import { ParleyError } from "@/lib/errors";
import { GENERIC_TOOL_ERROR, ToolFailure, UnexpectedToolError } from "@/lib/tools/tool-errors";
import { modelFailureText } from "./model-failure-text";

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
  const modelFailure = classifyModelFailure(error);
  if (modelFailure) return modelFailureText(modelFailure);
  return "Something went wrong while answering. Please try again.";
}
