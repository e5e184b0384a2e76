import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { z } from "zod";
import type { ChatModel } from "@/lib/ai/chat-model";
import type { ChatRequest } from "@/lib/chat/parse-chat-request";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ChatStore } from "@/lib/store/chat-store";
import { defineTool } from "@/lib/tools/tool-definition";

// What the chat tests share: the configuration of a turn, the request that starts one, and mock
// models that answer in AI SDK stream parts.

/** A turn's configuration in tests: no retries, and Stop marks polled often. */
export const chatTestEnv = {
  MAX_STEPS: 5,
  MAX_TOOL_CALLS_PER_STEP: 10,
  MAX_OUTPUT_TOKENS: 4_096,
  TOOL_TIMEOUT_MS: 10_000,
  MODEL_MAX_RETRIES: 0,
  HEARTBEAT_MS: 15_000,
  STREAM_MAX_UNREAD_BYTES: 4 * 1024 * 1024,
  STOP_POLL_MS: 50,
  STREAM_LOG_FLUSH_MS: 50,
};

/** The token usage a model call reports: `total` tokens, one of them output. */
export function mockUsage(total = 2) {
  return {
    inputTokens: { total: total - 1, noCache: total - 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  };
}

/** A request that asks `text` in chat `chatId`, as the user's message `messageId`. */
export function userRequest(text: string, { chatId = "chat-1", messageId = "u1" } = {}): ChatRequest {
  return { chatId, userMessage: { id: messageId, role: "user", parts: [{ type: "text", text }] }, trigger: "submit-message" };
}

/** A model the chat runs as it would an OpenAI one. */
export function mockChatModel(model: MockLanguageModelV4, label = "Mock"): ChatModel {
  return { model, label, id: "test", contextWindow: 128_000, keepsEarlierReasoning: false };
}

/** A tool call a mock model makes; its id is `call-<index>` unless given. */
export type MockToolCall = { toolName: string; input: unknown; id?: string };

/**
 * A model whose first call calls `calls` (when there are any) and whose next call answers with the
 * `text` deltas, `chunkDelayMs` apart; each call uses `tokens`. `prompts` records what it was sent.
 */
export function toolCallsThenText({
  calls = [],
  text = ["Done."],
  tokens = 2,
  chunkDelayMs = 0,
}: { calls?: MockToolCall[]; text?: string[]; tokens?: number; chunkDelayMs?: number } = {}) {
  const prompts: LanguageModelV4CallOptions["prompt"][] = [];
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const usage = mockUsage(tokens);
      const chunks: LanguageModelV4StreamPart[] =
        prompts.length === 1 && calls.length > 0
          ? [
              ...calls.map((call, index) => ({
                type: "tool-call" as const,
                toolCallId: call.id ?? `call-${index}`,
                toolName: call.toolName,
                input: JSON.stringify(call.input),
              })),
              { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage },
            ]
          : [
              { type: "text-start", id: "t" },
              ...text.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
            ];
      return { stream: simulateReadableStream({ chunks, chunkDelayInMs: chunkDelayMs }) };
    },
  });
  return { model, prompts };
}

/** A model that sends `text` and then fails mid-answer with `error`. */
export function failingMidAnswer(text: string, error: Error): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: text },
          { type: "error", error },
        ] satisfies LanguageModelV4StreamPart[],
      }),
    }),
  });
}

/** A tool that fails unexpectedly, its error carrying a secret (a connection string's password). */
export const leakyTool = defineTool(
  tool({
    inputSchema: z.object({}),
    execute: async (): Promise<string> => {
      throw new Error("connect ECONNREFUSED postgres://admin:hunter2@10.0.0.5:5432/prod");
    },
  }),
);

/** `chats`, except that storing an assistant message (an answer) fails with `error`. */
export function failingAnswerSaves(chats: ChatStore, error: Error): ChatStore {
  return new Proxy(chats, {
    get(target, property) {
      if (property === "saveMessage") {
        return async (...args: Parameters<ChatStore["saveMessage"]>) => {
          if (args[2].role === "assistant") throw error;
          return target.saveMessage(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A message's text parts, joined. */
export function textOf(message: ChatMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");
}

/**
 * A model whose first call sends `chunks` and then ends as `end` says: its step's tool calls are
 * made (`tool-calls`), it waits until it is stopped (`stall`; `stalled` resolves then), or its
 * stream breaks (`error`). Its next calls answer "Done.".
 */
export function scriptedFirstStep(chunks: LanguageModelV4StreamPart[], end: "tool-calls" | "stall" | "error") {
  const { promise: stalled, resolve: markStalled } = Promise.withResolvers<void>();
  let calls = 0;
  const model = new MockLanguageModelV4({
    doStream: async ({ abortSignal }) => {
      calls += 1;
      if (calls > 1) {
        return {
          stream: simulateReadableStream<LanguageModelV4StreamPart>({
            chunks: [
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Done." },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: mockUsage() },
            ],
          }),
        };
      }
      const pending = [...chunks];
      // Chunk by chunk as they are read: an error must not discard chunks still queued.
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        pull(controller) {
          const chunk = pending.shift();
          if (chunk) return controller.enqueue(chunk);
          if (end === "tool-calls") {
            controller.enqueue({ type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage: mockUsage() });
            controller.close();
          } else if (end === "error") {
            controller.error(new Error("upstream connection reset"));
          } else {
            markStalled();
            return new Promise<void>((resolve) => {
              abortSignal?.addEventListener("abort", () => resolve(controller.error(abortSignal.reason)), { once: true });
            });
          }
        },
      });
      return { stream };
    },
  });
  return { model, stalled };
}
