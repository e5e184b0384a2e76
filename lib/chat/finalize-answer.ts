import type { UIMessageStreamOutcome } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { closeUnfinishedToolCalls } from "./close-unfinished-tool-calls";
import { toSafeStreamErrorText } from "./stream-error-text";

/**
 * The answer as it is stored, however the stream ended: a stopped or failed answer keeps what was
 * generated, says how it ended, and has no tool call left without a result.
 */
export function finalizeAnswer(message: ChatMessage, outcome: UIMessageStreamOutcome): ChatMessage {
  const [closed] = closeUnfinishedToolCalls([message]);
  const answer = closed ?? message;
  if (outcome.status === "aborted") return { ...answer, metadata: { ...answer.metadata, status: "stopped" } };
  if (outcome.status === "failed") {
    const errorText = answer.metadata?.errorText ?? toSafeStreamErrorText(outcome.error);
    return { ...answer, metadata: { ...answer.metadata, status: "failed", errorText } };
  }
  return answer;
}
