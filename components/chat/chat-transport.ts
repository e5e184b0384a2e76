import { DefaultChatTransport, type PrepareSendMessagesRequest } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";

/**
 * The body of POST /api/chat: only the new message (or, to regenerate, the user message being
 * answered again). The server takes the conversation before it from its store.
 */
export const prepareSendMessagesRequest: PrepareSendMessagesRequest<ChatMessage> = ({ id, messages, trigger, messageId }) => ({
  body: { id, message: messages.at(-1), trigger, messageId },
});

export function createChatTransport(): DefaultChatTransport<ChatMessage> {
  return new DefaultChatTransport<ChatMessage>({ api: "/api/chat", prepareSendMessagesRequest });
}
