import { isToolUIPart } from "ai";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT } from "@/lib/message/interrupted-tool-call";

/**
 * A stored answer may end in the middle of a tool call (Stop, a dropped connection, a crash): it
 * keeps the call as the user saw it. Models refuse a call without a result, so for the model such
 * calls are closed as errors (a preliminary result is not the result), and calls whose input never
 * finished streaming are dropped: the history stays valid input for the next turn. The calls the
 * user has just approved or denied, in the answer that goes on (the last message), stay open: the
 * AI SDK runs or refuses them.
 */
export function closeUnfinishedToolCalls(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((message, index) => {
    const isUnfinished = (part: ChatMessagePart) => isUnfinishedToolPart(part, index === messages.length - 1);
    if (message.role !== "assistant" || !message.parts.some(isUnfinished)) return message;
    const parts = message.parts.flatMap((part): ChatMessagePart[] => {
      if (!isToolUIPart(part) || !isUnfinished(part)) return [part];
      if (part.state === "input-streaming") return [];
      return [{ ...part, state: "output-error", input: part.input, errorText: INTERRUPTED_TOOL_CALL_TEXT } as ChatMessagePart];
    });
    return { ...message, parts };
  });
}

function isUnfinishedToolPart(part: ChatMessagePart, goesOn: boolean): boolean {
  if (!isToolUIPart(part)) return false;
  switch (part.state) {
    case "input-streaming":
    case "input-available":
    case "approval-requested":
      return true;
    case "approval-responded":
      return !goesOn;
    case "output-available":
      return part.preliminary === true;
    case "output-error":
    case "output-denied":
      return false;
  }
}
