import type { ChatMessage } from "@/lib/message/chat-message";

/**
 * The conversation with its last answer marked as failed, as the server stores it. The stream says
 * so only after its error part, which ends the browser's reading: the mark is added here. Only an
 * answer that has no status yet is marked; a conversation that ends with the user's message (the
 * request itself was refused) is returned as it is.
 */
export function markLastAnswerFailed(messages: ChatMessage[], errorText: string): ChatMessage[] {
  const last = messages.at(-1);
  if (last?.role !== "assistant" || last.metadata?.status) return messages;
  return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, status: "failed", errorText } }];
}

/** A dropped connection, not a failed answer: the server finishes and stores the answer anyway. */
export function isConnectionError(error: Error): boolean {
  return error instanceof TypeError;
}
