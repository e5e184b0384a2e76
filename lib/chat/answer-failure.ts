import { classifyModelFailure, retryMayHelp } from "@/lib/ai/model-failure";
import type { MessageMetadata } from "@/lib/message/message-metadata";
import { modelFailureText } from "./model-failure-text";
import { toSafeStreamErrorText } from "./stream-error-text";

/**
 * How an answer that failed with this error is marked, in the stream and in the store alike: why
 * (a safe text) and whether answering again may help. Failures that are not the model's (ours, an
 * unknown error) may pass, so they can be retried.
 */
export function answerFailure(error: unknown): Required<Pick<MessageMetadata, "errorText" | "retryable">> {
  const modelFailure = classifyModelFailure(error);
  return { errorText: toSafeStreamErrorText(error), retryable: modelFailure === undefined || retryMayHelp(modelFailure) };
}

/**
 * How an answer whose stream ended without the provider's finish reason is marked (the AI SDK
 * finishes it as "interrupted"): the text may be cut anywhere. Against OpenAI's own API that is
 * nearly always a connection a proxy or an idle timeout cut, which passes: it may be retried.
 */
export function unfinishedAnswerFailure(): Pick<MessageMetadata, "status" | "errorText" | "retryable"> {
  return { status: "failed", errorText: modelFailureText({ kind: "connection-cut" }), retryable: true };
}
