import { isToolUIPart } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { closeUnfinishedToolCalls } from "./close-unfinished-tool-calls";

/**
 * The stored conversation as the model should see it: tool calls a stopped or failed answer left
 * open are closed as errors, and answers that failed before saying anything are left out (an empty
 * assistant turn is refused by some providers and tells the model nothing).
 */
export function toModelHistory(messages: ChatMessage[]): ChatMessage[] {
  return closeUnfinishedToolCalls(messages).filter((message) => message.role !== "assistant" || hasContent(message));
}

function hasContent(message: ChatMessage): boolean {
  return message.parts.some((part) => (part.type === "text" && part.text.trim() !== "") || isToolUIPart(part));
}
