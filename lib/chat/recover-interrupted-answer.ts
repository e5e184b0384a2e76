import { createIdGenerator, generateId, readUIMessageStream, type UIMessageChunk } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { StoredChat } from "@/lib/store/chat-store";
import type { Stores } from "@/lib/store/open-stores";
import type { StreamLog } from "@/lib/store/stream-state-store";
import { finalizeAnswer } from "./finalize-answer";

/** Why a recovered answer ends where it does, shown with it (and Regenerate). */
export const ANSWER_CRASHED_TEXT = "The server stopped before this answer finished.";

const generateMessageId = createIdGenerator({ prefix: "msg", size: 16 });

export type RecoverInterruptedAnswerOptions = {
  stores: Pick<Stores, "chats" | "streams">;
  userId: string;
  chatId: string;
  now?: () => number;
};

/**
 * Whether the chat, as read, has a log whose writer died: never ended, and nobody holds the chat.
 * Costs nothing: the chat read brings the log's state along.
 */
export function hasAbandonedLog(chat: StoredChat, now: number): boolean {
  return chat.unendedLog !== undefined && chat.unendedLog.claimedUntil <= now;
}

/**
 * Stores the answer a dead process was writing (killed, or a Lambda that timed out): rebuilt from
 * the chat's abandoned live-answer log with the AI SDK's own reader, so it holds what the client was
 * shown, and marked failed with `ANSWER_CRASHED_TEXT`, so the chat offers Regenerate; then the log
 * is ended and the chat released. The recovery claims the chat first, so of the instances that try
 * at once one stores it, and a new message (which must claim the chat) follows the recovered answer.
 *
 * True when it recovered (the chat changed); false when there was nothing to recover, another
 * instance is at it, or it failed. It never throws: a failure is logged, and the log stays abandoned
 * and is recovered by a later read once the recovery's claim has run out.
 */
export async function recoverInterruptedAnswer({ stores, userId, chatId, now = Date.now }: RecoverInterruptedAnswerOptions): Promise<boolean> {
  const { chats, streams } = stores;
  const recoveryId = generateId();
  try {
    if (!(await streams.claimAbandonedStream(userId, chatId, recoveryId, now()))) return false;
    const [log, chat] = await Promise.all([streams.readStream(userId, chatId, 0, now()), chats.getChat(userId, chatId)]);
    const answer = log && chat && (await interruptedAnswer(log, chat));
    if (answer) await chats.saveMessage(userId, chatId, answer, now());
    await streams.endStream(userId, chatId, recoveryId, now());
    logger.info("recovered an interrupted answer", { chatId, streamId: log?.streamId, saved: answer !== undefined });
    return true;
  } catch (error) {
    logger.error("recovering an interrupted answer failed", { chatId, error: errorForLog(error) });
    return false;
  }
}

/**
 * The answer to store from the log, or undefined when there is none to store: it was stored
 * already (the process died between storing it and ending the log), or the user's message never was.
 */
async function interruptedAnswer(log: StreamLog, chat: StoredChat): Promise<ChatMessage | undefined> {
  const streamed = await messageFromChunks(log.batches.flatMap((batch) => batch.chunks));
  if (streamed && chat.messagesById.has(streamed.id)) return undefined;
  // Nothing was logged yet: an empty answer still says that one was interrupted, after its question.
  const message = streamed ?? (chat.messages.at(-1)?.role === "user" ? { id: generateMessageId(), role: "assistant" as const, parts: [] } : undefined);
  if (!message) return undefined;
  // An answer that was stopped, or failed for its own reason, ends as its stream said.
  if (message.metadata?.status === "stopped") return finalizeAnswer(message, { status: "aborted" });
  return finalizeAnswer({ ...message, metadata: { ...message.metadata, status: "failed", errorText: message.metadata?.errorText ?? ANSWER_CRASHED_TEXT } }, { status: "failed" });
}

/** The message the logged chunks (the JSON of UI message chunks, from `start` on) build, as a client built it. */
async function messageFromChunks(logged: string[]): Promise<ChatMessage | undefined> {
  if (logged.length === 0) return undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const json of logged) controller.enqueue(JSON.parse(json) as UIMessageChunk);
      controller.close();
    },
  });
  let message: ChatMessage | undefined;
  // An error part in the log is part of the answer (its metadata says so), not a reason to stop reading.
  for await (const snapshot of readUIMessageStream<ChatMessage>({ stream, onError: () => undefined })) message = snapshot;
  // The chat turn's `start` chunk names the message; a message needs an id to be stored all the same.
  return message && (message.id ? message : { ...message, id: generateMessageId() });
}
