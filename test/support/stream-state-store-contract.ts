import { beforeEach, describe, expect, it } from "vitest";
import type { ChatStore } from "@/lib/store/chat-store";
import type { StreamStateStore } from "@/lib/store/stream-state-store";
import { describeStreamLogContract } from "./stream-log-contract";
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
      expect(await streams.requestStop(alice, "c1", 1_000)).toBe(false);

      expect(await streams.beginStream(alice, "c1", "stream-1", 1_000)).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-1")).toBe(false);
      expect(await streams.requestStop(alice, "c1", 1_000)).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-1")).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-0")).toBe(false);

      await streams.endStream(alice, "c1", "stream-1");
      expect(await streams.requestStop(alice, "c1", 1_000)).toBe(false);

      // A new stream starts unstopped.
      expect(await streams.beginStream(alice, "c1", "stream-2", 1_000)).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "stream-2")).toBe(false);
    });

    it("lets one stream at a time claim a chat: of concurrent claims exactly one wins", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      const claims = await Promise.all(Array.from({ length: 10 }, (_, index) => streams.beginStream(alice, "c1", `stream-${index}`, 1_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `stream-${claims.indexOf(true)}`;

      expect(await streams.beginStream(alice, "c1", "latecomer", 2_000)).toBe(false);
      // The losers' ends do not release the winner's claim.
      await Promise.all(claims.map((claimed, index) => (claimed ? undefined : streams.endStream(alice, "c1", `stream-${index}`))));
      expect(await streams.beginStream(alice, "c1", "latecomer", 2_000)).toBe(false);
      expect(await streams.requestStop(alice, "c1", 2_000)).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", winner)).toBe(true);
    });

    it("makes a released chat claimable again", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      expect(await streams.beginStream(alice, "c1", "stream-1", 1_000)).toBe(true);
      await streams.endStream(alice, "c1", "stream-1");
      expect(await streams.beginStream(alice, "c1", "stream-2", 1_001)).toBe(true);
    });

    it("frees a claim whose lease ran out (its process died), and only then", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      expect(await streams.beginStream(alice, "c1", "crashed", 1_000)).toBe(true);
      const expiry = 1_000 + streams.leaseMs;
      expect(await streams.beginStream(alice, "c1", "too-early", expiry - 1)).toBe(false);
      expect(await streams.requestStop(alice, "c1", expiry - 1)).toBe(true);

      // Expired: nothing is live to stop, and the chat can be claimed.
      expect(await streams.requestStop(alice, "c1", expiry)).toBe(false);
      expect(await streams.beginStream(alice, "c1", "successor", expiry)).toBe(true);
      expect(await streams.isStopRequested(alice, "c1", "successor")).toBe(false);

      // The old stream, should it come back, no longer holds the chat and cannot end the new claim.
      expect(await streams.renewStream(alice, "c1", "crashed", expiry)).toBe(false);
      await streams.endStream(alice, "c1", "crashed");
      expect(await streams.beginStream(alice, "c1", "third", expiry + 1)).toBe(false);
    });

    it("keeps a renewed claim past its first lease", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      expect(await streams.beginStream(alice, "c1", "stream-1", 1_000)).toBe(true);
      expect(await streams.renewStream(alice, "c1", "stream-1", 1_000 + streams.leaseMs - 1)).toBe(true);
      expect(await streams.beginStream(alice, "c1", "stream-2", 1_000 + streams.leaseMs)).toBe(false);
      expect(await streams.requestStop(alice, "c1", 1_000 + streams.leaseMs)).toBe(true);
      expect(await streams.beginStream(alice, "c1", "stream-2", 1_000 + 2 * streams.leaseMs - 1)).toBe(true);
    });

    it("refuses to renew a lease that already ran out, even when no other stream claimed the chat", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      expect(await streams.beginStream(alice, "c1", "stalled", 1_000)).toBe(true);
      const expiry = 1_000 + streams.leaseMs;
      expect(await streams.renewStream(alice, "c1", "stalled", expiry)).toBe(false);
      // Its claim is not brought back to life: the chat is free for the next stream.
      expect(await streams.requestStop(alice, "c1", expiry)).toBe(false);
      expect(await streams.beginStream(alice, "c1", "next", expiry)).toBe(true);
    });

    it("claims only chats the user has", async () => {
      expect(await streams.beginStream(alice, "missing", "stream-1", 1_000)).toBe(false);
      expect(await streams.renewStream(alice, "missing", "stream-1", 1_000)).toBe(false);
      await chats.ensureChat(alice, { id: "shared-id", title: "Alice's", now: 1_000 });
      expect(await streams.beginStream(bob, "shared-id", "stream-1", 1_000)).toBe(false);
      expect(await chats.getChat(bob, "shared-id")).toBeUndefined();
      expect(await streams.beginStream(alice, "shared-id", "stream-2", 1_000)).toBe(true);
    });

    it("does not touch the chat's order or title", async () => {
      await chats.ensureChat(alice, { id: "c1", title: "t", now: 1_000 });
      await streams.beginStream(alice, "c1", "s", 1_000);
      await streams.renewStream(alice, "c1", "s", 2_000);
      await streams.requestStop(alice, "c1", 2_000);
      expect(await chats.getChat(alice, "c1")).toMatchObject({ title: "t", updatedAt: 1_000 });
    });

    it("never stops another user's stream", async () => {
      await chats.ensureChat(alice, { id: "shared-id", title: "Alice's", now: 1_000 });
      expect(await streams.requestStop(bob, "shared-id", 1_000)).toBe(false);

      await streams.beginStream(alice, "shared-id", "stream-1", 1_000);
      expect(await streams.requestStop(bob, "shared-id", 1_000)).toBe(false);
      expect(await streams.isStopRequested(alice, "shared-id", "stream-1")).toBe(false);
    });

    describeStreamLogContract(fresh);
  });
}
