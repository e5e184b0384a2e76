import { convertToModelMessages, type ToolSet } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";

type ModelPart = { type: string; toolCallId?: string };

/** The ids of the tool calls the model would be sent without a result (a model refuses such a history). */
export async function unansweredToolCalls(messages: ChatMessage[], tools: ToolSet): Promise<string[]> {
  const model = await convertToModelMessages(messages, { tools });
  const parts = model.flatMap((message): ModelPart[] => (Array.isArray(message.content) ? (message.content as ModelPart[]) : []));
  const answered = new Set(parts.flatMap((part) => (part.type === "tool-result" ? [part.toolCallId] : [])));
  return parts.flatMap((part) => (part.type === "tool-call" && part.toolCallId && !answered.has(part.toolCallId) ? [part.toolCallId] : []));
}
