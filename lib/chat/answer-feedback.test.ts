import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { ChatMetrics } from "@/lib/observability/chat-metrics";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { saveAnswerFeedback, type SaveAnswerFeedbackOptions } from "./answer-feedback";

// A thumb on an answer, on both stores: kept in the answer's metadata, counted as a metric, and
// never moving the chat in the list.

const alice = "alice";
const chatId = "chat-1";
const start = 1_000_000;
const question: ChatMessage = { id: "question", role: "user", parts: [{ type: "text", text: "Weather in Paris?" }] };
const answer: ChatMessage = {
  id: "answer",
  role: "assistant",
  parts: [{ type: "text", text: "Sunny, 21 °C.", state: "done" }],
  metadata: { model: "GPT", modelId: "gpt-5.4-mini", createdAt: start },
};

function describeFeedback(adapterName: string, createHarness: () => StoresHarness) {
  describe(`feedback on an answer: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    let output: CapturedOutput;
    beforeEach(async () => {
      output = captureOutput();
      const { chats } = fresh.stores;
      await chats.ensureChat(alice, { id: chatId, title: "Paris", now: start });
      await chats.saveMessage(alice, chatId, question, start + 1);
      await chats.saveMessage(alice, chatId, answer, start + 2);
    });
    afterEach(() => output.restore());

    const rate = (options: Partial<SaveAnswerFeedbackOptions>) =>
      saveAnswerFeedback({
        stores: fresh.stores,
        userId: alice,
        chatId,
        messageId: answer.id,
        feedback: { rating: "up" },
        metrics: new ChatMetrics(),
        now: () => start + 5_000,
        ...options,
      });
    const storedAnswer = async () => (await fresh.stores.chats.getChat(alice, chatId))?.messages.find(({ id }) => id === answer.id);

    it("keeps the thumb and note with the answer, and nothing else of it changes", async () => {
      const feedback = await rate({ feedback: { rating: "down", note: "It rained." } });

      expect(feedback).toEqual({ rating: "down", note: "It rained.", at: start + 5_000 });
      expect(await storedAnswer()).toEqual({ ...answer, metadata: { ...answer.metadata, feedback } });
      expect((await fresh.stores.chats.getChat(alice, chatId))?.messages.map(({ id }) => id)).toEqual(["question", "answer"]);
    });

    it("replaces a rating given before, and takes it back", async () => {
      await rate({ feedback: { rating: "down", note: "It rained." } });
      await rate({ feedback: { rating: "up" }, now: () => start + 6_000 });
      expect((await storedAnswer())?.metadata?.feedback).toEqual({ rating: "up", at: start + 6_000 });

      expect(await rate({ feedback: undefined })).toBeUndefined();
      expect(await storedAnswer()).toEqual(answer);
    });

    it("leaves the chat where it was in the list", async () => {
      await fresh.stores.chats.ensureChat(alice, { id: "newer", title: "Newer", now: start + 3_000 });
      await rate({ feedback: { rating: "up" } });

      const { chats } = await fresh.stores.chats.listChats(alice, { limit: 10 });
      expect(chats.map(({ id, updatedAt }) => ({ id, updatedAt }))).toEqual([
        { id: "newer", updatedAt: start + 3_000 },
        { id: chatId, updatedAt: start + 2 },
      ]);
    });

    it("counts each thumb given, with the answer's model, and not one taken back", async () => {
      await rate({ feedback: { rating: "down", note: "It rained." } });
      await rate({ feedback: undefined });

      expect(output.emf()).toEqual([
        expect.objectContaining({ AnswerFeedback: 1, rating: "down", hasNote: "true", chatId }),
        expect.objectContaining({ AnswerFeedback: 1, rating: "down", model: "gpt-5.4-mini", chatId }),
      ]);
    });

    it("refuses a user message (400), an unknown message and another user's chat (404)", async () => {
      await expect(rate({ messageId: question.id })).rejects.toMatchObject({ code: "invalid_request" });
      await expect(rate({ messageId: "no-such-message" })).rejects.toMatchObject({ code: "not_found" });
      await expect(rate({ userId: "mallory" })).rejects.toMatchObject({ code: "not_found" });
      await expect(rate({ chatId: "no-such-chat" })).rejects.toMatchObject({ code: "not_found" });
      expect(await storedAnswer()).toEqual(answer);
      expect(output.emf()).toEqual([]);
    });

    it("refuses an answer still being written (409), and rates the answers before it meanwhile", async () => {
      const { chats, streams } = fresh.stores;
      expect(await streams.beginStream(alice, chatId, "next-answer", start + 4_000)).toBe(true);
      await chats.saveMessage(alice, chatId, { id: "question-2", role: "user", parts: [{ type: "text", text: "And tomorrow?" }] }, start + 4_000);

      await expect(rate({ messageId: "answer-being-written" })).rejects.toMatchObject({ code: "answer_in_progress" });
      expect(await rate({ feedback: { rating: "up" } })).toEqual({ rating: "up", at: start + 5_000 });
    });
  });
}

const { storesHarness } = dynaliteForTests();
describeFeedback("SQLite", sqliteStoresHarness);
describeFeedback("DynamoDB (dynalite)", storesHarness);
