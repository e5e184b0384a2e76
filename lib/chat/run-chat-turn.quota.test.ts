import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it, onTestFinished } from "vitest";
import { z } from "zod";
import { estimateJsonTokens } from "@/lib/ai/estimate-tokens";
import { ParleyError } from "@/lib/errors";
import { defineTool } from "@/lib/tools/tool-definition";
import { toolDefinitions } from "@/tools";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { chatTestEnv, mockChatModel, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { captureOutput } from "@/test/support/capture-output";
import { readChatStream } from "@/test/support/read-chat-stream";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { runChatTurn, type RunChatTurnOptions } from "./run-chat-turn";

// The daily token budget under concurrency and with servers that report no usage, through whole
// chat turns on both stores. The counter is read at its key: `tokens:<UTC day>`.

const userId = "user-1";
const now = () => Date.parse("2026-11-21T09:00:00Z");
const todaysTokens = "tokens:2026-11-21";
const budget = 1_000;
const quotas = { messagesPerMinute: 0, dailyTokenBudget: budget };
const env = { ...chatTestEnv, MAX_OUTPUT_TOKENS: 400 };

/** One request's reservation: what its model call sent (system prompt and tool schemas too), estimated, plus its maximum output. */
function reservationOf(model: MockLanguageModelV4): number {
  const [sent] = model.doStreamCalls;
  if (!sent) throw new Error("The model was not called.");
  return estimateJsonTokens(sent.prompt, sent.tools) + env.MAX_OUTPUT_TOKENS;
}

/** A model that streams `text` and finishes without reporting usage, as some Ollama and vLLM set-ups do. */
const reportingNoUsage = (text: string) =>
  new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: text },
          { type: "text-end", id: "t" },
          {
            type: "finish",
            finishReason: { unified: "stop", raw: undefined },
            usage: {
              inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: undefined, text: undefined, reasoning: undefined },
            },
          },
        ] satisfies LanguageModelV4StreamPart[],
      }),
    }),
  });

function describeTokenBudget(adapterName: string, createHarness: () => StoresHarness) {
  describe(`the daily token budget: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    const startTurn = (request: RunChatTurnOptions["request"], chatModel: RunChatTurnOptions["chatModel"]) =>
      runChatTurn({ stores: fresh.stores, userId, request, chatModel, env, tools: toolDefinitions, quotas, now });
    const charged = () => fresh.stores.usage.readUsage(userId, todaysTokens, now());

    it("20 parallel requests against a budget of 1 000: what is charged stays within the budget plus one request's reservation", async () => {
      const tokensPerAnswer = 300;
      const { model } = toolCallsThenText({ text: ["Within ", "the ", "budget."], tokens: tokensPerAnswer, chunkDelayMs: 5 });
      const requests = Array.from({ length: 20 }, (_, index) => startTurn(userRequest("How are you?", { chatId: `chat-${index}` }), mockChatModel(model)));
      const results = await Promise.allSettled(requests);

      let answered = 0;
      for (const result of results) {
        if (result.status === "rejected") {
          expect(result.reason).toBeInstanceOf(ParleyError);
          expect(result.reason).toMatchObject({ code: "rate_limited", retryAt: Date.parse("2026-11-22T00:00:00Z") });
          continue;
        }
        await readChatStream(result.value.response);
        await result.value.done;
        answered += 1;
      }
      // More than one gets in (the budget is not taken one answer at a time), fewer than all.
      expect(answered).toBeGreaterThan(1);
      expect(answered).toBeLessThan(20);
      // Each answer is charged what it used; nothing of a reservation is left over.
      expect(await charged()).toBe(answered * tokensPerAnswer);
      expect(await charged()).toBeLessThanOrEqual(budget + reservationOf(model));
    });

    it("charges an answer whose server reports no usage an estimate from its text", async () => {
      const text = "An answer of about a hundred tokens. ".repeat(11);
      const model = reportingNoUsage(text);
      const turn = await startTurn(userRequest("Tell me something"), mockChatModel(model));
      await readChatStream(turn.response);
      await turn.done;

      // About four characters a token: the output, and the input as sent on top.
      expect(await charged()).toBeGreaterThan(Math.ceil(text.length / 4));
      expect(await charged()).toBeLessThan(reservationOf(model));
    });

    it("ends an answer whose next step the budget no longer covers with the budget's error; the steps made are charged", async () => {
      // The first step (a tool call) uses 1 500 tokens: the answer's second model call is refused.
      const { model } = toolCallsThenText({ calls: [{ toolName: "noteDown", input: {} }], text: ["Never sent."], tokens: 1_500 });
      const noteDown = defineTool(tool({ inputSchema: z.object({}), execute: async () => "noted" }));
      const output = captureOutput();
      onTestFinished(() => output.restore());
      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("Note it"), chatModel: mockChatModel(model), env, tools: { noteDown }, quotas, now });
      const seen = await readChatStream(turn.response);
      await turn.done;

      const budgetText = "You have used today's budget of 1 000 tokens. You can continue in 15 h (at midnight UTC).";
      expect(seen.chunks.map(({ chunk }) => chunk)).toContainEqual({ type: "error", errorText: budgetText });
      expect(model.doStreamCalls).toHaveLength(1);
      const answer = (await fresh.stores.chats.getChat(userId, "chat-1"))?.messages[1];
      expect(answer?.metadata).toMatchObject({ status: "failed", errorText: budgetText });
      expect(await charged()).toBe(1_500);
      // The quota working is not an error of ours: no error line, no ChatErrors (nobody could trip the alarm with it).
      expect(output.logs().filter((line) => line.level === "ERROR")).toEqual([]);
      expect(output.emf().filter((document) => "ChatRequests" in document)).toEqual([expect.objectContaining({ ChatRequests: 1, ChatErrors: 0 })]);
    });

    it("gives the reservation back when the turn fails before the model is called", async () => {
      await fresh.stores.chats.ensureChat("someone-else", { id: "their-chat", title: "Theirs", now: now() });
      const { model } = toolCallsThenText();
      await expect(startTurn(userRequest("Hello?", { chatId: "their-chat" }), mockChatModel(model))).rejects.toMatchObject({ code: "not_found" });
      expect(model.doStreamCalls).toHaveLength(0);
      expect(await charged()).toBe(0);
    });
  });
}

describeTokenBudget("SQLite (temp file)", sqliteStoresHarness);
describeTokenBudget("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
