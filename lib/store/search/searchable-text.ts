import type { ChatMessage } from "@/lib/message/chat-message";

/**
 * The text of a message that search reads: what the user wrote and what the model answered, not
 * tool inputs and outputs nor reasoning. The SQLite index extracts the same in SQL (search-index.ts).
 */
export const searchableText = (message: ChatMessage) =>
  message.parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n");
