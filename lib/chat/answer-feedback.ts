import { ParleyError } from "@/lib/errors";
import { withFeedback, type AnswerFeedback, type FeedbackInput } from "@/lib/message/answer-feedback";
import { chatMetrics, type ChatMetrics } from "@/lib/observability/chat-metrics";
import { currentRequestId } from "@/lib/observability/request-id";
import { chatNotFound } from "./chat-id";
import { loadChat } from "./load-chat";
import type { RecoverInterruptedAnswerOptions } from "./recover-interrupted-answer";

export type SaveAnswerFeedbackOptions = RecoverInterruptedAnswerOptions & {
  messageId: string;
  /** The user's rating and note, replacing any they gave before; undefined takes it back. */
  feedback: FeedbackInput | undefined;
  metrics?: Pick<ChatMetrics, "publishFeedback">;
};

/**
 * Stores the user's thumb (and note) on one of their answers, in its metadata, and counts it as a
 * metric. The chat keeps its place in the list: a rating is not activity in the conversation.
 * Returns the stored feedback; undefined once it is taken back.
 */
export async function saveAnswerFeedback(options: SaveAnswerFeedbackOptions): Promise<AnswerFeedback | undefined> {
  const { stores, userId, chatId, messageId, feedback: input, metrics = chatMetrics, now = Date.now } = options;
  const chat = await loadChat(options);
  if (!chat) throw chatNotFound();
  // On any branch: another view may show another one.
  const message = chat.messagesById.get(messageId);
  if (!message) {
    // An answer is stored once it ends: the one being written may be this one.
    if (chat.unendedLog) throw new ParleyError("answer_in_progress", "This answer is still being written: rate it once it has finished.");
    throw new ParleyError("not_found", "There is no such message in this chat.");
  }
  if (message.role !== "assistant") throw new ParleyError("invalid_request", "Only answers can be rated.");

  const feedback = input && { ...input, at: now() };
  // Saved with the chat's own time: a store never moves `updatedAt` back, so the chat stays where it is in the list.
  if (!(await stores.chats.saveMessage(userId, chatId, withFeedback(message, feedback), chat.updatedAt))) throw chatNotFound();
  if (feedback) {
    metrics.publishFeedback({ requestId: currentRequestId(), chatId, rating: feedback.rating, modelId: message.metadata?.modelId, hasNote: feedback.note !== undefined });
  }
  return feedback;
}
