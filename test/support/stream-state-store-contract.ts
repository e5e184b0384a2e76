import { beforeEach, describe, expect, it } from "vitest";
import type { ChatStore } from "@/lib/store/chat-store";
import type { StreamStateStore } from "@/lib/store/stream-state-store";
import { type StoresHarness, freshStores } from "./stores-harness";

// One contract for every StreamStateStore adapter (the state of a chat's running answer), run by
// each adapter's test file. The state belongs to a chat, so the chat store makes the chats.

const alice = "user-alice";
const bob = "user-bob";

export function describeStreamStateStoreContract(adapterName: string, createHarness: () => StoresHarness) {
  describe(`StreamStateStore contract: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    let chats: ChatStore;
    let streams: StreamStateStore;
    beforeEach(() => {
      ({ chats, streams } = fresh.stores);
    });

    it("marks the active stream as stopped, for that stream only", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      expect(await streams.requestStop(alice, "c1")).toBe(false);

      await streams.beginStream(alice, "c1", "stream-1");
      expect(await streams.isStopRequested(alice, "c1", "stream-1")).toBe(false);
      expect(await streams.requestStop(alice, "c1")).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-1")).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-0")).toBe(false);

      await streams.endStream(alice, "c1", "stream-1");
      expect(await streams.requestStop(alice, "c1")).toBe(false);

      // A new stream starts unstopped.
      await streams.beginStream(alice, "c1", "stream-2");
      expect(await streams.isStopRequested(alice, "c1", "stream-2")).toBe(false);
    });

    it("does not let an old stream end a newer one", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      await streams.beginStream(alice, "c1", "stream-1");
      await streams.beginStream(alice, "c1", "stream-2");
      await streams.endStream(alice, "c1", "stream-1");
      expect(await streams.requestStop(alice, "c1")).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-2")).toBe(true);
    });

    it("does not touch the chat's order or title", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      await streams.beginStream(alice, "c1", "s");
      await streams.requestStop(alice, "c1");
      expect(await chats.getChat(alice, "c1")).toMatchObject({ title: "t", updatedAt: 1_000 });
    });

    it("never stops another user's stream", async () => {
      await chats.ensureChat(alice, { id: "shared-id", title: "Alice's", now: 1_000 });
      expect(await streams.requestStop(bob, "shared-id")).toBe(false);

      await streams.beginStream(alice, "shared-id", "stream-1");
      expect(await streams.requestStop(bob, "shared-id")).toBe(false);
      expect(await streams.isStopRequested(alice, "shared-id", "stream-1")).toBe(false);
    });
  });
}
