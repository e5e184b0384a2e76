import { isToolUIPart } from "ai";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";

/**
 * The most of a tool call's input or output, as JSON, sent back to the model on later turns. A
 * model may write 500 KB of arguments once; every later request would carry them again.
 */
export const MAX_TOOL_PAYLOAD_CHARS_SENT = 16_000;

/**
 * The history with every tool call's input and output cut to MAX_TOOL_PAYLOAD_CHARS_SENT (as JSON),
 * saying so where it was cut. What is stored and shown is not changed.
 */
export function capToolPayloads(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((message) => {
    if (!message.parts.some((part) => isToolUIPart(part) && isOversized(part))) return message;
    return { ...message, parts: message.parts.map(capPart) };
  });
}

type ToolPart = Extract<ChatMessagePart, { toolCallId: string }>;

function isOversized(part: ToolPart): boolean {
  return jsonLength(part.input) > MAX_TOOL_PAYLOAD_CHARS_SENT || ("output" in part && jsonLength(part.output) > MAX_TOOL_PAYLOAD_CHARS_SENT);
}

function capPart(part: ChatMessagePart): ChatMessagePart {
  if (!isToolUIPart(part) || !isOversized(part)) return part;
  const capped = { ...part, input: cap(part.input, "input") } as ChatMessagePart;
  if ("output" in part && part.state === "output-available") return { ...capped, output: cap(part.output, "output") } as ChatMessagePart;
  return capped;
}

function cap(value: unknown, what: "input" | "output"): unknown {
  const json = JSON.stringify(value) ?? "";
  if (json.length <= MAX_TOOL_PAYLOAD_CHARS_SENT) return value;
  return {
    note: `Parley cut this tool call's ${what} from ${json.length} to ${MAX_TOOL_PAYLOAD_CHARS_SENT} characters of its JSON for later turns.`,
    start: json.slice(0, MAX_TOOL_PAYLOAD_CHARS_SENT),
  };
}

function jsonLength(value: unknown): number {
  return value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0);
}
