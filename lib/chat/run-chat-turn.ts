import { generateId, type UIMessageStreamOutcome } from "ai";
import type { ChatModel } from "@/lib/ai/chat-model";
import type { Env } from "@/lib/env";
import { startChatTelemetry, type ChatTelemetry } from "@/lib/observability/chat-telemetry";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import { recordTokensUsed, takeMessageAllowance, type QuotaLimits } from "@/lib/quota/quota";
import { ParleyError } from "@/lib/errors";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";
import type { Stores } from "@/lib/store/open-stores";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatNotFound } from "./chat-id";
import { titleFromText } from "./chat-title";
import { finalizeAnswer } from "./finalize-answer";
import type { ChatRequest } from "./parse-chat-request";
import { createStopSignal } from "./stop-signal";
import { streamChat, type StreamChatOptions } from "./stream-chat";

export type ChatTurn = {
  response: Response;
  /** Settles once the answer is saved (also when the client went away); keep the function alive until then. */
  done: Promise<void>;
};

export type RunChatTurnOptions = {
  /** Where the chat, the state of its running answer and the user's usage are kept. */
  stores: Omit<Stores, "close">;
  userId: string;
  request: ChatRequest;
  chatModel: ChatModel;
  env: StreamChatOptions["env"] & Pick<Env, "STOP_POLL_MS">;
  tools: StreamChatOptions["tools"];
  /** Started by the route when the request arrived; publishes the answer's metrics when it ends. */
  telemetry?: ChatTelemetry;
  /** Per-user quotas; none when absent. */
  quotas?: QuotaLimits;
  now?: () => number;
};

/**
 * One turn of a conversation, in the order that loses nothing: the user's message is stored before
 * the model is called; the answer streams back at once; it is stored however it ends (finished,
 * stopped, failed, or finished after the client disconnected); only Stop stops it.
 */
export async function runChatTurn({
  stores,
  userId,
  request,
  chatModel,
  env,
  tools,
  quotas,
  now = Date.now,
  telemetry = startChatTelemetry({ now }),
}: RunChatTurnOptions): Promise<ChatTurn> {
  const { chats, streams, usage } = stores;
  const { chatId, userMessage } = request;
  telemetry.setChatId(chatId);
  if (quotas) {
    // Before anything is stored or sent to the model: a refused message leaves no trace.
    const denial = await takeMessageAllowance(usage, userId, quotas, now());
    if (denial) throw new ParleyError("rate_limited", denial.message, { retryAt: denial.retryAt });
  }
  const stored = await chats.getChat(userId, chatId);
  if (!stored) {
    const created = await chats.ensureChat(userId, { id: chatId, title: titleFromText(textOf(userMessage)), now: now() });
    // Another user's chat: as unknown as any other id the user cannot see.
    if (!created) throw chatNotFound();
  }

  const history = historyEndingWith(stored?.messages ?? [], userMessage);
  if (history.resent) await chats.deleteMessagesAfter(userId, chatId, userMessage.id);
  await chats.saveMessage(userId, chatId, userMessage, now());
  // The message is safe; the stream's set-up is the next piece of work (see yieldToEventLoop).
  await yieldToEventLoop();

  const streamId = generateId();
  await streams.beginStream(userId, chatId, streamId);
  const stop = createStopSignal({ streams, userId, chatId, streamId }, env.STOP_POLL_MS);
  const { promise: done, resolve: settle } = Promise.withResolvers<void>();

  const response = streamChat({
    messages: history.messages,
    chatModel,
    env,
    tools,
    telemetry,
    abortSignal: stop.signal,
    onEnd: (end) => {
      stop.dispose();
      return saveAnswer(end, { stores, userId, chatId, streamId, quotas, telemetry, now }).finally(settle);
    },
  });
  telemetry.responseReturned();
  return { response, done };
}

type AnswerEnd = { message: ChatMessage; outcome: UIMessageStreamOutcome };

type SaveAnswerOptions = Pick<RunChatTurnOptions, "stores" | "userId" | "quotas"> & {
  chatId: string;
  streamId: string;
  telemetry: ChatTelemetry;
  now: () => number;
};

/**
 * Stores the answer however the stream ended, ends the stream, and counts the tokens it used. A
 * failure is logged and counted, not thrown: the client hears of it from the stream's last part.
 * Telemetry hears how it ended.
 */
async function saveAnswer({ message, outcome }: AnswerEnd, options: SaveAnswerOptions): Promise<{ saved: boolean }> {
  const { stores, userId, chatId, streamId, quotas, telemetry, now } = options;
  let answer: ChatMessage | undefined;
  let saved = false;
  try {
    answer = finalizeAnswer(message, outcome);
    if (answer.role === "assistant") await stores.chats.saveMessage(userId, chatId, answer, now());
    await stores.streams.endStream(userId, chatId, streamId);
    saved = true;
    // Stopped and failed answers used tokens too.
    if (quotas && quotas.dailyTokenBudget > 0) await recordTokensUsed(stores.usage, userId, telemetry.totalTokens, now());
  } catch (error) {
    logger.error("saving the answer failed", { ...telemetry.logKeys, error: errorForLog(error) });
  } finally {
    // The stored answer says how it ended ("stopped", "failed", or no mark when it finished).
    telemetry.answerEnded(answer ? (answer.metadata?.status ?? "finished") : "failed", { saved });
  }
  return { saved };
}

/**
 * The conversation the model answers: the stored messages up to the user's message. A message that
 * is already stored was re-sent (Retry, Regenerate): the answers after it are replaced.
 */
function historyEndingWith(stored: ChatMessage[], userMessage: ChatMessage): { messages: ChatMessage[]; resent: boolean } {
  const index = stored.findIndex((message) => message.id === userMessage.id);
  if (index === -1) return { messages: [...stored, userMessage], resent: false };
  return { messages: [...stored.slice(0, index), userMessage], resent: true };
}

function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join(" ");
}
