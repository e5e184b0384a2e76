import { isToolUIPart } from "ai";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT } from "@/lib/message/interrupted-tool-call";

/**
 * A stored answer may end in the middle of a tool call (Stop, a dropped connection, a crash): it
 * keeps the call as the user saw it. Models refuse a call without a result, so for the model such
 * calls are closed as errors (a preliminary result is not the result), and calls whose input never
 * finished streaming are dropped: the history stays valid input for the next turn.
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
  if (!isToolUIPart(part)) return false;
  switch (part.state) {
    case "input-streaming":
    case "input-available":
    case "approval-requested":
    case "approval-responded":
      return true;
    case "output-available":
      return part.preliminary === true;
    case "output-error":
    case "output-denied":
      return false;
  }
}
