import { beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT } from "@/lib/message/interrupted-tool-call";
import type { ChatStore } from "@/lib/store/chat-store";
import { InvalidCursorError } from "@/lib/store/list-cursor";
import { describeChatSearchContract } from "./chat-search-contract";
import { type StoresHarness, freshStores } from "./stores-harness";

// One contract for every ChatStore adapter (chats and messages), run by each adapter's test file.

const alice = "user-alice";
const bob = "user-bob";

const userMessage = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const assistantMessage = (id: string, text: string): ChatMessage => ({
  id,
  role: "assistant",
  metadata: { model: "Test model" },
  parts: [{ type: "step-start" }, { type: "text", text, state: "done" }],
});

/** An answer with big tool outputs, well over DynamoDB's 400 KB item limit once serialised. */
function hugeAssistantMessage(id: string): ChatMessage {
  const bigOutput = (seed: number) => ({
    ok: true as const,
    expression: `sum of ${seed}`,
    // Varied text, so a compressing adapter still has to split it.
    result: Array.from({ length: 10_000 }, (_, index) => `${seed}:${index}:${(index * 7919 + seed) % 104729}`).join(","),
  });
  return {
    id,
    role: "assistant",
    parts: [
      { type: "step-start" },
      ...[1, 2, 3, 4, 5, 6].map((seed) => ({
        type: "tool-calculate" as const,
        toolCallId: `call-${seed}`,
        state: "output-available" as const,
        input: { expression: `sum of ${seed}` },
        output: bigOutput(seed),
      })),
      { type: "text", text: "long answer ".repeat(30_000), state: "done" },
    ],
  };
}

export function describeChatStoreContract(adapterName: string, createHarness: () => StoresHarness) {
  describe(`ChatStore contract: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    let store: ChatStore;
    beforeEach(() => {
      store = fresh.stores.chats;
    });

    describe("chats and messages", () => {
      it("creates a chat once and keeps its title when asked again", async () => {
        const created = await store.ensureChat(alice, { id: "c1", title: "Weather in Paris", now: 1_000 });
        expect(created).toEqual({ id: "c1", title: "Weather in Paris", createdAt: 1_000, updatedAt: 1_000 });
        const again = await store.ensureChat(alice, { id: "c1", title: "Something else", now: 2_000 });
        expect(again).toEqual(created);
      });

      it("returns undefined for an unknown chat", async () => {
        expect(await store.getChat(alice, "nope")).toBeUndefined();
        expect(await store.getChatSummary(alice, "nope")).toBeUndefined();
      });

      it("gives a chat's summary without its messages", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "hi"), 1_500);
        expect(await store.getChatSummary(alice, "c1")).toEqual({ id: "c1", title: "t", createdAt: 1_000, updatedAt: 1_500 });
      });

      it("appends messages in order and replaces a message with the same id in place", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "first"), 1_100);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "partial"), 1_200);
        await store.saveMessage(alice, "c1", userMessage("u2", "second"), 1_300);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "complete answer"), 1_400);

        const chat = await store.getChat(alice, "c1");
        expect(chat?.messages.map((message) => message.id)).toEqual(["u1", "a1", "u2"]);
        expect(chat?.messages[1]).toEqual(assistantMessage("a1", "complete answer"));
        expect(chat?.updatedAt).toBe(1_400);
        expect(chat?.createdAt).toBe(1_000);
      });

      it("refuses to save into a chat that does not exist", async () => {
        expect(await store.saveMessage(alice, "missing", userMessage("u1", "hi"), 1_000)).toBe(false);
        expect(await store.getChat(alice, "missing")).toBeUndefined();
      });

      it("keeps an edited question's branch beside the first, and switches between them", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001, null);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one!"), 1_002, "u1");
        await store.saveMessage(alice, "c1", userMessage("u2", "two"), 1_003, "a1");
        await store.saveMessage(alice, "c1", assistantMessage("a2", "two!"), 1_004, "u2");
        // u2 edited: a new branch from a1.
        await store.saveMessage(alice, "c1", userMessage("u2b", "two, edited"), 1_005, "a1");
        await store.saveMessage(alice, "c1", assistantMessage("a2b", "edited two!"), 1_006, "u2b");

        const edited = await store.getChat(alice, "c1");
        expect(edited?.messages.map((message) => message.id)).toEqual(["u1", "a1", "u2b", "a2b"]);
        expect(edited?.messages[2]).toEqual(userMessage("u2b", "two, edited"));
        expect(edited?.tree).toEqual([
          { id: "u1", parentId: null, role: "user" },
          { id: "a1", parentId: "u1", role: "assistant" },
          { id: "u2", parentId: "a1", role: "user" },
          { id: "a2", parentId: "u2", role: "assistant" },
          { id: "u2b", parentId: "a1", role: "user" },
          { id: "a2b", parentId: "u2b", role: "assistant" },
        ]);

        expect(await store.setActiveLeaf(alice, "c1", "a2")).toBe(true);
        expect((await store.getChat(alice, "c1"))?.messages.map((message) => message.id)).toEqual(["u1", "a1", "u2", "a2"]);
        // The active branch is the chat's, not the reader's: it stays across a restart.
        const restarted = (await fresh.restart()).chats;
        expect((await restarted.getChat(alice, "c1"))?.messages.map((message) => message.id)).toEqual(["u1", "a1", "u2", "a2"]);
      });

      it("keeps a regenerated answer beside the first, and a first message's edit beside it", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001, null);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one!"), 1_002, "u1");
        await store.saveMessage(alice, "c1", assistantMessage("a1b", "one, again!"), 1_003, "u1");
        expect((await store.getChat(alice, "c1"))?.messages.map((message) => message.id)).toEqual(["u1", "a1b"]);

        await store.saveMessage(alice, "c1", userMessage("u1b", "uno"), 1_004, null);
        const chat = await store.getChat(alice, "c1");
        expect(chat?.messages.map((message) => message.id)).toEqual(["u1b"]);
        expect(chat?.tree.filter((node) => node.parentId === null).map((node) => node.id)).toEqual(["u1", "u1b"]);
      });

      it("adds a message without a parent after the active path's last message", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one!"), 1_002);
        await store.saveMessage(alice, "c1", assistantMessage("a1b", "one, again!"), 1_003, "u1");
        await store.setActiveLeaf(alice, "c1", "a1");
        await store.saveMessage(alice, "c1", userMessage("u2", "two"), 1_004);
        expect((await store.getChat(alice, "c1"))?.tree.at(-1)).toEqual({ id: "u2", parentId: "a1", role: "user" });
      });

      it("replaces a message where it stands without switching branches", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001, null);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one!"), 1_002, "u1");
        await store.saveMessage(alice, "c1", assistantMessage("a1b", "one, again!"), 1_003, "u1");
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one, rated"), 1_004, "a1b");
        const chat = await store.getChat(alice, "c1");
        expect(chat?.messages.map((message) => message.id)).toEqual(["u1", "a1b"]);
        expect(chat?.tree.find((node) => node.id === "a1")?.parentId).toBe("u1");
        await store.setActiveLeaf(alice, "c1", "a1");
        expect((await store.getChat(alice, "c1"))?.messages[1]).toEqual(assistantMessage("a1", "one, rated"));
      });

      it("switches only to a message the chat has", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001, null);
        expect(await store.setActiveLeaf(alice, "c1", "nope")).toBe(false);
        expect(await store.setActiveLeaf(alice, "missing", "u1")).toBe(false);
        expect((await store.getChat(alice, "c1"))?.messages.map((message) => message.id)).toEqual(["u1"]);
      });

      it("refuses to switch branches while an answer is being written, except to the stream writing it", async () => {
        const { streams } = fresh.stores;
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "one"), 1_001, null);
        await store.saveMessage(alice, "c1", assistantMessage("a1", "one!"), 1_002, "u1");
        await store.saveMessage(alice, "c1", assistantMessage("a1b", "one, again!"), 1_003, "u1");
        const activePath = async () => (await store.getChat(alice, "c1"))?.messages.map((message) => message.id);
        expect(await streams.beginStream(alice, "c1", "stream-1", 2_000)).toBe(true);

        // The answer being written is stored at the end of the path it was asked on.
        await expect(store.setActiveLeaf(alice, "c1", "a1", { now: 2_001 })).rejects.toMatchObject({ code: "answer_in_progress", status: 409 });
        expect(await activePath()).toEqual(["u1", "a1b"]);
        // Its own turn moves the leaf (a regenerate shows its question as the path's last).
        expect(await store.setActiveLeaf(alice, "c1", "u1", { now: 2_001, streamId: "stream-1" })).toBe(true);
        expect(await activePath()).toEqual(["u1"]);
        await expect(store.setActiveLeaf(alice, "c1", "a1", { now: 2_001, streamId: "stream-0" })).rejects.toMatchObject({ code: "answer_in_progress" });

        // Free again once the answer ends, or once the claim of a process that died runs out.
        await streams.endStream(alice, "c1", "stream-1", 2_002);
        expect(await store.setActiveLeaf(alice, "c1", "a1", { now: 2_003 })).toBe(true);
        expect(await streams.beginStream(alice, "c1", "stream-2", 3_000)).toBe(true);
        expect(await store.setActiveLeaf(alice, "c1", "a1b", { now: 3_000 + streams.leaseMs })).toBe(true);
        expect(await activePath()).toEqual(["u1", "a1b"]);
      });

      it("stores an answer far over 400 KB (big tool outputs) and gives it back unchanged", async () => {
        const huge = hugeAssistantMessage("a-huge");
        expect(JSON.stringify(huge).length).toBeGreaterThan(1_000_000);
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "sum everything"), 1_001);
        await store.saveMessage(alice, "c1", huge, 1_002);
        await store.saveMessage(alice, "c1", userMessage("u2", "thanks"), 1_003);

        const chat = await store.getChat(alice, "c1");
        expect(chat?.messages.map((message) => message.id)).toEqual(["u1", "a-huge", "u2"]);
        expect(chat?.messages[1]).toEqual(huge);

        // Replacing it with a small message leaves nothing of the big one behind.
        await store.saveMessage(alice, "c1", assistantMessage("a-huge", "short now"), 1_004);
        expect((await store.getChat(alice, "c1"))?.messages[1]).toEqual(assistantMessage("a-huge", "short now"));
      });

      it("gives back an answer stopped mid-call as it was shown, also one an older version stored closed", async () => {
        const call = { type: "tool-getWeather", toolCallId: "w1", input: { city: "Paris" } } as const;
        const stoppedAnswer = (parts: ChatMessage["parts"]): ChatMessage => ({ id: "a1", role: "assistant", metadata: { status: "stopped" }, parts });
        const asShown = stoppedAnswer([
          { type: "step-start" },
          { ...call, state: "input-available" },
          { type: "tool-calculate", toolCallId: "c1", state: "input-streaming", input: { expression: "2 +" } },
        ]);
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", asShown, 1_001);
        expect((await store.getChat(alice, "c1"))?.messages[0]).toEqual(asShown);

        // Before stored answers kept such calls, they were closed as an error for the model.
        await store.saveMessage(alice, "c1", stoppedAnswer([{ type: "step-start" }, { ...call, state: "output-error", errorText: INTERRUPTED_TOOL_CALL_TEXT }]), 1_002);
        expect((await store.getChat(alice, "c1"))?.messages[0]).toEqual(stoppedAnswer([{ type: "step-start" }, { ...call, state: "input-available" }]));
      });

      it("renames a chat without moving it in the list", async () => {
        await store.ensureChat(alice, { id: "c1", title: "old", now: 1_000 });
        await store.ensureChat(alice, { id: "c2", title: "other", now: 2_000 });
        const renamed = await store.renameChat(alice, "c1", "new title");
        expect(renamed).toEqual({ id: "c1", title: "new title", createdAt: 1_000, updatedAt: 1_000 });
        expect((await store.listChats(alice, { limit: 10 })).chats.map((chat) => [chat.id, chat.title])).toEqual([
          ["c2", "other"],
          ["c1", "new title"],
        ]);
        expect(await store.renameChat(alice, "missing", "x")).toBeUndefined();
      });

      it("deletes a chat with all its messages", async () => {
        await store.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "hi"), 1_001);
        await store.saveMessage(alice, "c1", hugeAssistantMessage("a1"), 1_002);
        expect(await store.deleteChat(alice, "c1")).toBe(true);
        expect(await store.getChat(alice, "c1")).toBeUndefined();
        expect(await store.deleteChat(alice, "c1")).toBe(false);

        // A new chat under the same id starts empty.
        await store.ensureChat(alice, { id: "c1", title: "fresh", now: 2_000 });
        expect((await store.getChat(alice, "c1"))?.messages).toEqual([]);
      });
    });

    describe("listing", () => {
      it("lists newest first, page by page, until there is no next cursor", async () => {
        for (let index = 0; index < 25; index += 1) {
          await store.ensureChat(alice, { id: `chat-${String(index).padStart(2, "0")}`, title: `Chat ${index}`, now: 10_000 + index });
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        const pageSizes: number[] = [];
        for (;;) {
          const page = await store.listChats(alice, { cursor, limit: 10 });
          pageSizes.push(page.chats.length);
          seen.push(...page.chats.map((chat) => chat.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(pageSizes).toEqual([10, 10, 5]);
        expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `chat-${String(24 - index).padStart(2, "0")}`));
      });

      it("keeps a stable order for chats updated in the same millisecond", async () => {
        for (const id of ["b", "a", "d", "c"]) await store.ensureChat(alice, { id, title: id, now: 5_000 });
        const first = await store.listChats(alice, { limit: 2 });
        const second = await store.listChats(alice, { limit: 2, cursor: first.nextCursor ?? undefined });
        expect([...first.chats, ...second.chats].map((chat) => chat.id)).toEqual(["d", "c", "b", "a"]);
        expect(second.nextCursor).toBeNull();
      });

      it("moves a chat to the top when a message is saved", async () => {
        await store.ensureChat(alice, { id: "old", title: "old", now: 1_000 });
        await store.ensureChat(alice, { id: "new", title: "new", now: 2_000 });
        await store.saveMessage(alice, "old", userMessage("u1", "bump"), 3_000);
        expect((await store.listChats(alice, { limit: 10 })).chats.map((chat) => chat.id)).toEqual(["old", "new"]);
      });

      it("refuses a cursor it did not make", async () => {
        await expect(store.listChats(alice, { limit: 10, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe("isolation between users", () => {
      it("never shows, changes or deletes another user's chat", async () => {
        await store.ensureChat(alice, { id: "shared-id", title: "Alice's", now: 1_000 });
        await store.saveMessage(alice, "shared-id", userMessage("u1", "alice secret"), 1_001);

        expect(await store.getChat(bob, "shared-id")).toBeUndefined();
        expect(await store.getChatSummary(bob, "shared-id")).toBeUndefined();
        expect((await store.listChats(bob, { limit: 10 })).chats).toEqual([]);
        expect(await store.saveMessage(bob, "shared-id", userMessage("x", "intrusion"), 1_002)).toBe(false);
        expect(await store.renameChat(bob, "shared-id", "pwned")).toBeUndefined();
        expect(await store.deleteChat(bob, "shared-id")).toBe(false);
        expect(await store.setActiveLeaf(bob, "shared-id", "u1")).toBe(false);

        const alicesChat = await store.getChat(alice, "shared-id");
        expect(alicesChat?.title).toBe("Alice's");
        expect(alicesChat?.messages).toEqual([userMessage("u1", "alice secret")]);
      });

      it("does not let another user create a chat under an id that is taken, until it is deleted", async () => {
        await store.ensureChat(alice, { id: "same", title: "A", now: 1_000 });
        expect(await store.ensureChat(bob, { id: "same", title: "B", now: 1_000 })).toBeUndefined();
        expect(await store.getChat(bob, "same")).toBeUndefined();
        expect((await store.getChat(alice, "same"))?.title).toBe("A");

        await store.deleteChat(alice, "same");
        expect(await store.ensureChat(bob, { id: "same", title: "B", now: 2_000 })).toMatchObject({ id: "same", title: "B" });
        expect(await store.getChat(alice, "same")).toBeUndefined();
      });

      it("gives a taken id to exactly one user when two create it at once", async () => {
        const results = await Promise.all([
          store.ensureChat(alice, { id: "race", title: "A", now: 1_000 }),
          store.ensureChat(bob, { id: "race", title: "B", now: 1_000 }),
        ]);
        expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      });
    });

    describeChatSearchContract(() => fresh.stores.chats);

    describe("durability and concurrency", () => {
      it("keeps everything across a restart", async () => {
        await store.ensureChat(alice, { id: "c1", title: "persisted", now: 1_000 });
        await store.saveMessage(alice, "c1", userMessage("u1", "before restart"), 1_001);

        const restarted = (await fresh.restart()).chats;
        expect(await restarted.getChat(alice, "c1")).toMatchObject({
          title: "persisted",
          messages: [userMessage("u1", "before restart")],
        });
      });

      it("keeps 50 conversations written at the same time apart", async () => {
        const ids = Array.from({ length: 50 }, (_, index) => `conversation-${index}`);
        await Promise.all(
          ids.map(async (id, index) => {
            await store.ensureChat(alice, { id, title: id, now: 1_000 + index });
            await store.saveMessage(alice, id, userMessage(`${id}-q`, `question of ${id}`), 2_000 + index);
            await store.saveMessage(alice, id, assistantMessage(`${id}-a`, `answer for ${id}`), 3_000 + index);
          }),
        );
        for (const id of ids) {
          const chat = await store.getChat(alice, id);
          expect(chat?.messages).toEqual([userMessage(`${id}-q`, `question of ${id}`), assistantMessage(`${id}-a`, `answer for ${id}`)]);
        }
      });
    });
  });
}
