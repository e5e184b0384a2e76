import type { UIMessageStreamOutcome } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { answerFailure } from "./answer-failure";

/**
 * The answer as it is stored, however the stream ended: a stopped or failed answer keeps what was
 * generated and says how it ended. Its tool calls stay as the user saw them (a call stopped before
 * its result, one whose input was still streaming), so a reload shows the same chips; the model's
 * history closes them instead (model-history.ts). An answer that ended before any content keeps no
 * parts, as the client holds it: the mark and Regenerate show after a reload, any client may post
 * it back (request-schema.ts), and the model's history leaves it out.
 */
export function finalizeAnswer(message: ChatMessage, outcome: UIMessageStreamOutcome): ChatMessage {
  if (outcome.status === "aborted") return { ...message, metadata: { ...message.metadata, status: "stopped" } };
  if (outcome.status === "failed") {
    const failure = message.metadata?.errorText === undefined ? answerFailure(outcome.error) : {};
    return { ...message, metadata: { ...message.metadata, status: "failed", ...failure } };
  }
  return message;
}
