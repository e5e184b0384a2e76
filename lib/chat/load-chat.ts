import type { StoredChat } from "@/lib/store/chat-store";
import { hasAbandonedLog, recoverInterruptedAnswer, type RecoverInterruptedAnswerOptions } from "./recover-interrupted-answer";

/**
 * The user's chat as every view shows it (the page, `GET /api/chats/{id}`, the next turn's history):
 * an answer whose process died is stored first, marked interrupted. One read when there is nothing
 * to recover; when the recovery fails, the chat as read.
 */
export async function loadChat(options: RecoverInterruptedAnswerOptions): Promise<StoredChat | undefined> {
  const { stores, userId, chatId, now = Date.now } = options;
  const chat = await stores.chats.getChat(userId, chatId);
  if (!chat || !hasAbandonedLog(chat, now())) return chat;
  if (!(await recoverInterruptedAnswer(options))) return chat;
  return stores.chats.getChat(userId, chatId);
}
