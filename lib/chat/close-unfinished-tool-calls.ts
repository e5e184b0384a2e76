import { isToolUIPart } from "ai";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";

export const INTERRUPTED_TOOL_CALL_TEXT = "The tool call was stopped before it finished.";

/**
 * A history may end an answer in the middle of a tool call (Stop, a dropped connection, a crash).
 * Models refuse a call without a result, so such calls are closed as errors, and calls whose input
 * never finished streaming are dropped: the history stays valid input for the next turn.
 */
export function closeUnfinishedToolCalls(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((message) => {
    if (message.role !== "assistant" || !message.parts.some(isUnfinishedToolPart)) return message;
    const parts = message.parts.flatMap((part): ChatMessagePart[] => {
      if (!isToolUIPart(part) || !isUnfinishedToolPart(part)) return [part];
      if (part.state === "input-streaming") return [];
      return [{ ...part, state: "output-error", input: part.input, errorText: INTERRUPTED_TOOL_CALL_TEXT } as ChatMessagePart];
    });
    return { ...message, parts };
  });
}

function isUnfinishedToolPart(part: ChatMessagePart): boolean {
  return (
    isToolUIPart(part) &&
    (part.state === "input-streaming" || part.state === "input-available" || part.state === "approval-requested" || part.state === "approval-responded")
  );
}
