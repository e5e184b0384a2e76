import { beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ChatSearchHit, ChatStore } from "@/lib/store/chat-store";

// The search part of the ChatStore contract, run inside it (chat-store-contract.ts) for every adapter.

const alice = "user-alice";
const bob = "user-bob";

const question = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const answer = (id: string, text: string, extra: ChatMessage["parts"] = []): ChatMessage => ({
  id,
  role: "assistant",
  parts: [{ type: "step-start" }, ...extra, { type: "text", text, state: "done" }],
});

/** A hit as the user reads it: which chat, where, and the snippet with the matched words in [brackets]. */
const readable = ({ chat, messageId, snippet }: ChatSearchHit) => ({
  chatId: chat.id,
  messageId,
  snippet: snippet.map((part) => (part.match ? `[${part.text}]` : part.text)).join(""),
});

const HOSTILE_QUERIES = [
  '"',
  '""',
  '"unbalanced',
  "*",
  "a*b",
  "NEAR(paris tokyo)",
  "paris NEAR tokyo",
  "paris OR",
  "AND",
  "NOT paris",
  "-paris",
  "^paris",
  "(paris",
  "paris)",
  "text:paris",
  "{text}:paris",
  "'; DROP TABLE chats; --",
  "%_\\",
  "\u0000",
  "🙂",
  "x".repeat(500),
  "a ".repeat(100),
];

export function describeChatSearchContract(chatStore: () => ChatStore) {
  describe("search", () => {
    let store: ChatStore;
    const search = async (userId: string, query: string, limit = 20) => (await store.searchChats(userId, query, { limit })).hits.map(readable);

    beforeEach(async () => {
      store = chatStore();
      await store.ensureChat(alice, { id: "weather", title: "Weather in Paris", now: 1_000 });
      await store.saveMessage(alice, "weather", question("w-q", "What is the weather like in Paris today?"), 1_001);
      await store.saveMessage(
        alice,
        "weather",
        answer("w-a", "It is sunny and 21 °C in Paris, a lovely Mediterranean afternoon.", [
          { type: "reasoning", text: "The user wants the forecast; thinkingword", state: "done" },
          { type: "tool-getWeather", toolCallId: "t1", state: "output-available", input: { city: "Paris" }, output: { summary: "toolpayloadword" } },
        ]),
        1_002,
      );
      await store.ensureChat(alice, { id: "math", title: "Some sums", now: 2_000 });
      await store.saveMessage(alice, "math", question("m-q", "What is 17% of 2340? Café question"), 2_001);
      await store.saveMessage(alice, "math", answer("m-a", "17% of 2340 is **397.8**."), 2_002);
    });

    it("finds a word that appears only in an answer, at that answer, with the word marked", async () => {
      expect(await search(alice, "mediterranean")).toEqual([
        { chatId: "weather", messageId: "w-a", snippet: "It is sunny and 21 °C in Paris, a lovely [Mediterranean] afternoon." },
      ]);
    });

    it("finds a chat by its title, at the title", async () => {
      expect(await search(alice, "sums")).toEqual([{ chatId: "math", messageId: undefined, snippet: "Some [sums]" }]);
    });

    it("ignores case and accents, both ways", async () => {
      expect(await search(alice, "MEDITERRANEAN")).toHaveLength(1);
      expect((await search(alice, "cafe")).map((hit) => hit.snippet)).toEqual(["What is 17% of 2340? [Café] question"]);
      expect(await search(alice, "CAFÉ")).toHaveLength(1);
    });

    it("takes the last word as the start of a word, the others whole, and needs every one", async () => {
      expect((await search(alice, "medit")).map((hit) => hit.chatId)).toEqual(["weather"]);
      expect(await search(alice, "medit sunny")).toEqual([]);
      expect((await search(alice, "sunny medit")).map((hit) => hit.chatId)).toEqual(["weather"]);
      expect(await search(alice, "editerranean")).toEqual([]);
      expect(await search(alice, "mediterranean snow")).toEqual([]);
    });

    it("gives one hit per chat, newest first: the title when it matches, else the latest matching message", async () => {
      expect(await search(alice, "paris")).toEqual([{ chatId: "weather", messageId: undefined, snippet: "Weather in [Paris]" }]);
      expect(await search(alice, "2340")).toEqual([{ chatId: "math", messageId: "m-a", snippet: "17% of [2340] is 397.8." }]);
      expect((await search(alice, "what")).map((hit) => hit.chatId)).toEqual(["math", "weather"]);
      expect((await search(alice, "what", 1)).map((hit) => hit.chatId)).toEqual(["math"]);
    });

    it("reads only what the user and the model wrote, not tool calls or reasoning", async () => {
      expect(await search(alice, "toolpayloadword")).toEqual([]);
      expect(await search(alice, "thinkingword")).toEqual([]);
    });

    it("never finds another user's chats", async () => {
      expect(await search(bob, "paris")).toEqual([]);
      expect(await search(bob, "mediterranean")).toEqual([]);
      await store.ensureChat(bob, { id: "bobs", title: "Bob in Paris", now: 3_000 });
      expect((await search(bob, "paris")).map((hit) => hit.chatId)).toEqual(["bobs"]);
      expect((await search(alice, "paris")).map((hit) => hit.chatId)).toEqual(["weather"]);
    });

    it("forgets deleted chats", async () => {
      await store.deleteChat(alice, "weather");
      expect(await search(alice, "paris")).toEqual([]);
      expect(await search(alice, "weather")).toEqual([]);
      // A new chat under the same id starts with nothing of the old one.
      await store.ensureChat(alice, { id: "weather", title: "Fresh start", now: 4_000 });
      expect(await search(alice, "paris")).toEqual([]);
    });

    it("finds a renamed chat by its new title only", async () => {
      await store.renameChat(alice, "math", "Percentages homework");
      expect(await search(alice, "homework")).toEqual([{ chatId: "math", messageId: undefined, snippet: "Percentages [homework]" }]);
      expect(await search(alice, "sums")).toEqual([]);
    });

    it("finds a replaced message by its new text only", async () => {
      await store.saveMessage(alice, "weather", answer("w-a", "Rain all day, bring an umbrella."), 5_000);
      expect(await search(alice, "mediterranean")).toEqual([]);
      expect(await search(alice, "umbrella")).toEqual([{ chatId: "weather", messageId: "w-a", snippet: "Rain all day, bring an [umbrella]." }]);
    });

    it("shows markup in the text as text", async () => {
      await store.saveMessage(alice, "math", answer("m-a2", "Use <b>bold</b> & <script>alert(1)</script> carefully"), 6_000);
      expect(await search(alice, "carefully")).toEqual([
        { chatId: "math", messageId: "m-a2", snippet: "Use <b>bold</b> & <script>alert(1)</script> [carefully]" },
      ]);
    });

    it("never fails on a hostile query; one without a letter or digit finds nothing", async () => {
      for (const query of HOSTILE_QUERIES) {
        const hits = await search(alice, query);
        expect(Array.isArray(hits), query).toBe(true);
      }
      for (const query of ['"', "*", "()", "^", "-", ":", "'\"", " "]) expect(await search(alice, query), query).toEqual([]);
      expect((await search(alice, '"paris')).map((hit) => hit.chatId)).toEqual(["weather"]);
      expect((await search(alice, "NEAR(paris")).map((hit) => hit.chatId)).toEqual([]);
    });
  });
}
