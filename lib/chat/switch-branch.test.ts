import { beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { switchBranch } from "./switch-branch";

// Switching to another version of a message, on both stores: the chat's path follows it, and never
// while an answer is being written there.

const alice = "alice";
const chatId = "chat-1";
const start = 1_000_000;
const question: ChatMessage = { id: "question", role: "user", parts: [{ type: "text", text: "Weather in Paris?" }] };
const answer = (id: string, text: string): ChatMessage => ({ id, role: "assistant", parts: [{ type: "text", text, state: "done" }] });

function describeSwitchBranch(adapterName: string, createHarness: () => StoresHarness) {
  describe(`switching branches: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    beforeEach(async () => {
      const { chats } = fresh.stores;
      await chats.ensureChat(alice, { id: chatId, title: "Paris", now: start });
      await chats.saveMessage(alice, chatId, question, start + 1, null);
      await chats.saveMessage(alice, chatId, answer("first", "Sunny."), start + 2, question.id);
      await chats.saveMessage(alice, chatId, answer("second", "Sunny, 21 °C."), start + 3, question.id);
    });

    const switchTo = (messageId: string, now = start + 5_000) => switchBranch({ stores: fresh.stores, userId: alice, chatId, messageId, now: () => now });
    const activePath = async () => (await fresh.stores.chats.getChat(alice, chatId))?.messages.map(({ id }) => id);

    it("shows the version asked for, for every later read", async () => {
      expect((await switchTo("first")).messages.map(({ id }) => id)).toEqual(["question", "first"]);
      expect(await activePath()).toEqual(["question", "first"]);
    });

    it("refuses (409) while an answer is being written, and switches once it has ended", async () => {
      const { streams } = fresh.stores;
      expect(await streams.beginStream(alice, chatId, "next-answer", start + 4_000)).toBe(true);

      await expect(switchTo("first")).rejects.toMatchObject({ code: "answer_in_progress", status: 409 });
      expect(await activePath()).toEqual(["question", "second"]);

      await streams.endStream(alice, chatId, "next-answer", start + 4_500);
      expect((await switchTo("first")).messages.map(({ id }) => id)).toEqual(["question", "first"]);
    });

    it("refuses a message the chat does not have, and another user's chat (404)", async () => {
      await expect(switchTo("no-such-message")).rejects.toMatchObject({ code: "not_found" });
      await expect(switchBranch({ stores: fresh.stores, userId: "mallory", chatId, messageId: "first" })).rejects.toMatchObject({ code: "not_found" });
      expect(await activePath()).toEqual(["question", "second"]);
    });
  });
}

const { storesHarness } = dynaliteForTests();
describeSwitchBranch("SQLite", sqliteStoresHarness);
describeSwitchBranch("DynamoDB (dynalite)", storesHarness);
