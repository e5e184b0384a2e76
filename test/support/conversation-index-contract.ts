import { describe, expect, it } from "vitest";
import { type StoresHarness, freshStores } from "./stores-harness";

// One contract for every ConversationIndex adapter (the /v1 API's conversations), run by each adapter's test file.

const alice = "user-alice";
const bob = "user-bob";

export function describeConversationIndexContract(adapterName: string, createHarness: () => StoresHarness) {
  describe(`ConversationIndex contract: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);

    async function chatWithMessage(userId: string, chatId: string) {
      const { chats } = fresh.stores;
      await chats.ensureChat(userId, { id: chatId, title: "Kept", now: 1_000 });
      await chats.saveMessage(userId, chatId, { id: `${chatId}-m1`, role: "user", parts: [{ type: "text", text: "hi" }] }, 1_000, null);
      return { chatId, messageId: `${chatId}-m1` };
    }

    it("finds what it remembered, for its user only, and moves a place remembered again", async () => {
      const { conversations } = fresh.stores;
      const first = await chatWithMessage(alice, "chat-a");
      await conversations.remember(alice, "digest-1", first);

      expect(await conversations.find(alice, "digest-1")).toEqual(first);
      expect(await conversations.find(alice, "digest-2")).toBeUndefined();
      expect(await conversations.find(bob, "digest-1")).toBeUndefined();

      const second = await chatWithMessage(alice, "chat-b");
      await conversations.remember(alice, "digest-1", second);
      expect(await conversations.find(alice, "digest-1")).toEqual(second);
    });

    it("keeps what it remembered across a restart", async () => {
      const place = await chatWithMessage(alice, "chat-a");
      await fresh.stores.conversations.remember(alice, "digest-1", place);
      const restarted = await fresh.restart();
      expect(await restarted.conversations.find(alice, "digest-1")).toEqual(place);
    });
  });
}
