import type { ChatMessage } from "@/lib/message/chat-message";

/**
 * Whether asking for this answer again may help. Not when it failed in a way the same request
 * fails again (the conversation is too long for the model, the provider's account is out of
 * credit): the server says so in the answer's metadata, live and stored alike.
 */
export function canAnswerAgain(message: ChatMessage): boolean {
  return message.metadata?.retryable !== false;
}
