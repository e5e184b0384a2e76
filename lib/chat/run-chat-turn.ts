import type { UIMessageStreamOutcome } from "ai";
import type { ChatModel } from "@/lib/ai/chat-model";
import type { Env } from "@/lib/env";
import { startChatTelemetry, type ChatTelemetry } from "@/lib/observability/chat-telemetry";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { QuotaLimits } from "@/lib/quota/quota";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";
import type { Stores } from "@/lib/store/open-stores";
import type { ChatMessage } from "@/lib/message/chat-message";
import { continueApprovedAnswer } from "./approval-reply";
import { chatNotFound } from "./chat-id";
import { titleFromText } from "./chat-title";
import { finalizeAnswer } from "./finalize-answer";
import { loadChat } from "./load-chat";
import type { ChatRequest } from "./parse-chat-request";
import { placeTurn } from "./place-turn";
import { createLiveAnswerLog } from "./live-answer-log";
import { createStopSignal, type StopSignal } from "./stop-signal";
import { STREAM_ID_HEADER } from "./stream-id";
import { claimChat, releaseChat } from "./stream-claim";
import { streamChat, type StreamChatOptions } from "./stream-chat";
import { takeAnswerAllowance } from "./take-answer-allowance";

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
  env: StreamChatOptions["env"] & Pick<Env, "STOP_POLL_MS" | "STREAM_LOG_FLUSH_MS">;
  tools: StreamChatOptions["tools"];
  /** Started by the route when the request arrived; publishes the answer's metrics when it ends. */
  telemetry?: ChatTelemetry;
  /** Per-user quotas; none when absent. */
  quotas?: QuotaLimits;
  /** What a client of the /v1 API adds to the answer: its functions, tool choice, sampling, and the format it reads. */
  streamOptions?: Pick<StreamChatOptions, "clientTools" | "toolChoice" | "callSettings" | "present">;
  /** Which tool calls wait for the user's approval (lib/tools/tool-approval-settings.ts). */
  approval?: StreamChatOptions["approval"];
  /**
   * Awaited once the answer is stored, while the chat is still claimed and before the client hears
   * the end: what the client's next request must find. Its failure is logged, never thrown.
   */
  beforeRelease?: () => Promise<void>;
  now?: () => number;
};

/**
 * One turn of a conversation, in the order that loses nothing: the chat is claimed (one answer at a
 * time; 409 while another is written) and the user's message stored before the model is called;
 * the answer streams back at once; it is stored however it ends (finished, stopped, failed, or
 * finished after the client disconnected), then the chat is released; only Stop stops it.
 */
export async function runChatTurn({
  stores,
  userId,
  request,
  chatModel,
  env,
  tools,
  quotas,
  streamOptions,
  approval,
  beforeRelease,
  now = Date.now,
  telemetry = startChatTelemetry({ now }),
}: RunChatTurnOptions): Promise<ChatTurn> {
  const { chats, streams, usage } = stores;
  const { chatId, userMessage, continuedAnswer } = request;
  const withContinued = (history: ChatMessage[]) => (continuedAnswer ? [...history, continuedAnswer] : history);
  telemetry.setChatId(chatId);
  // An answer left by a process that died is stored first: this message follows it, and the model sees it.
  const stored = await loadChat({ stores, userId, chatId, now });
  // Before anything is stored or sent to the model: a refused message leaves no trace.
  const tokens = await takeAnswerAllowance(usage, userId, quotas, { messages: withContinued(placeTurn(stored, request).history), tools, chatModel, env, now });

  // One answer per chat, claimed before the message is stored, so every answer follows its question.
  const claim = { streams, userId, chatId };
  let streamId: string;
  try {
    if (!stored) {
      const firstQuestion = request.priorMessages?.find((message) => message.role === "user") ?? userMessage;
      const created = await chats.ensureChat(userId, { id: chatId, title: titleFromText(textOf(firstQuestion)), now: now() });
      // Another user's chat: as unknown as any other id the user cannot see.
      if (!created) throw chatNotFound();
    }
    streamId = await claimChat(claim, now());
  } catch (error) {
    // No answer after all: its tokens go back.
    await tokens?.settle();
    throw error;
  }

  const { promise: done, resolve: settle } = Promise.withResolvers<void>();
  let response: Response;
  let stop: StopSignal | undefined;
  // A regenerate shows its question as the path's last; an answer that never starts puts it back.
  let leafBefore: string | undefined;
  try {
    // Read again within the claim: an answer that ended just before it is part of the history.
    const current = await chats.getChat(userId, chatId);
    // Another view may have decided on the same calls while this one waited for the claim: checked again on what is stored now.
    if (request.approvalReply) continueApprovedAnswer(current, request.approvalReply);
    // The duplicate may have waited for the claim while the answer was stored.
    const { history, newMessageParentId } = placeTurn(current, request);
    // The message is the active path's last while it is answered: a view that loads the chat now
    // (a reload, another tab) shows the answer being written after it.
    if (newMessageParentId === undefined) {
      leafBefore = current?.messages.at(-1)?.id;
      // An answer that goes on is itself the path's last while it is written.
      const storedAnswer = continuedAnswer && current?.messagesById.has(continuedAnswer.id) ? continuedAnswer.id : undefined;
      await chats.setActiveLeaf(userId, chatId, storedAnswer ?? userMessage.id, { streamId, now: now() });
    } else {
      let parentId: string | null = null;
      for (const message of request.priorMessages ?? []) {
        await chats.saveMessage(userId, chatId, message, now(), parentId);
        parentId = message.id;
      }
      await chats.saveMessage(userId, chatId, userMessage, now(), newMessageParentId);
    }
    // The answer so far, with the client's results: the new answer replaces it when it is stored.
    if (continuedAnswer) await chats.saveMessage(userId, chatId, continuedAnswer, now(), userMessage.id);
    // The message is safe; the stream's set-up is the next piece of work (see yieldToEventLoop).
    await yieldToEventLoop();

    stop = createStopSignal({ ...claim, streamId }, env.STOP_POLL_MS, now);
    const { signal, dispose } = stop;
    // Every chunk the client gets, readable by any instance while the answer is written (resume).
    const log = createLiveAnswerLog({
      append: (batch) => streams.appendToStream(userId, chatId, streamId, batch, now()),
      flushMs: env.STREAM_LOG_FLUSH_MS,
      logKeys: telemetry.logKeys,
    });
    response = streamChat({
      ...streamOptions,
      approval,
      messages: withContinued(history),
      // Each model call is reserved for before it starts, and charged what it used when it ends.
      chatModel: tokens ? { ...chatModel, model: tokens.wrap(chatModel.model) } : chatModel,
      env,
      tools,
      telemetry,
      abortSignal: signal,
      onChunk: log.add,
      // A client cut off mid-answer reads the rest from the log, by this id (GET /api/chat/{id}/stream).
      headers: { [STREAM_ID_HEADER]: streamId },
      onEnd: async (end) => {
        dispose();
        // However the answer ended, and whether or not it could be saved, it used tokens.
        const [saving] = await Promise.all([saveAnswer(end, { stores, userId, chatId, questionId: userMessage.id, telemetry, now }), tokens?.settle()]);
        return saving;
      },
      // The log's last batch (with the chunks that end the answer) is appended while the chat is
      // still claimed; the claim is released before the client hears the end: its next message
      // must not find the chat still claimed.
      beforeEnd: async () => {
        // Never throws: the log is for other views; this answer ends and the chat is released either way.
        await log.end().catch((error: unknown) => logger.warn("finishing the live answer's log failed", { ...telemetry.logKeys, error: errorForLog(error) }));
        await beforeRelease?.().catch((error: unknown) => logger.warn("finishing the answer's turn failed", { ...telemetry.logKeys, error: errorForLog(error) }));
        await releaseChat(claim, streamId, telemetry.logKeys);
        settle();
      },
    });
  } catch (error) {
    stop?.dispose();
    // Refused once another turn has claimed the chat: its path is then the one to keep.
    const restoreLeaf = leafBefore && chats.setActiveLeaf(userId, chatId, leafBefore, { streamId, now: now() }).catch(() => false);
    await Promise.all([releaseChat(claim, streamId, telemetry.logKeys), tokens?.settle(), restoreLeaf]);
    throw error;
  }
  telemetry.responseReturned();
  return { response, done };
}

type AnswerEnd = { message: ChatMessage; outcome: UIMessageStreamOutcome };

type SaveAnswerOptions = Pick<RunChatTurnOptions, "stores" | "userId"> & {
  chatId: string;
  /** The user message it answers: its parent in the chat's tree. */
  questionId: string;
  telemetry: ChatTelemetry;
  now: () => number;
};

/**
 * Stores the answer however the stream ended. A failure is logged and counted, not thrown: the
 * client hears of it from the stream's last part. Telemetry hears how it ended.
 */
async function saveAnswer({ message, outcome }: AnswerEnd, options: SaveAnswerOptions): Promise<{ saved: boolean }> {
  const { stores, userId, chatId, questionId, telemetry, now } = options;
  let answer: ChatMessage | undefined;
  let saved = false;
  try {
    answer = finalizeAnswer(message, outcome);
    if (answer.role === "assistant") await stores.chats.saveMessage(userId, chatId, answer, now(), questionId);
    saved = true;
  } catch (error) {
    logger.error("saving the answer failed", { ...telemetry.logKeys, error: errorForLog(error) });
  } finally {
    // The stored answer says how it ended ("stopped", "failed", or no mark when it finished).
    telemetry.answerEnded(answer ? (answer.metadata?.status ?? "finished") : "failed", { saved });
  }
  return { saved };
}

function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join(" ");
}
