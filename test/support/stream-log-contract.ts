import { randomBytes } from "node:crypto";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import type { ChatStore } from "@/lib/store/chat-store";
import { ENDED_STREAM_READABLE_MS, type StreamBatch, type StreamStateStore } from "@/lib/store/stream-state-store";
import type { freshStores } from "./stores-harness";

// The live-answer log part of the StreamStateStore contract, run inside it on every adapter.

const alice = "user-alice";
const bob = "user-bob";
const start = 1_000;

const batch = (index: number, ...chunks: string[]): StreamBatch => ({ index, chunks: chunks.length > 0 ? chunks : [`chunk ${index}.a`, `chunk ${index}.b`] });

export function describeStreamLogContract(fresh: ReturnType<typeof freshStores>) {
  describe("the live-answer log", () => {
    let chats: ChatStore;
    let streams: StreamStateStore;
    beforeEach(async () => {
      ({ chats, streams } = fresh.stores);
      await chats.ensureChat(alice, { id: "c1", title: "t", now: start });
    });

    /** Claims c1 for `streamId` and appends batches 0… `count - 1`. */
    async function writeLog(streamId: string, count: number, now = start) {
      expect(await streams.beginStream(alice, "c1", streamId, now)).toBe(true);
      for (let index = 0; index < count; index += 1) {
        expect(await streams.appendToStream(alice, "c1", streamId, batch(index), now)).toBe(true);
      }
    }

    it("keeps batches in order and reads them from any position", async () => {
      await writeLog("stream-1", 4);
      expect(await streams.readStream(alice, "c1", 0, start)).toEqual({ streamId: "stream-1", state: "live", batches: [batch(0), batch(1), batch(2), batch(3)] });
      expect(await streams.readStream(alice, "c1", 2, start)).toEqual({ streamId: "stream-1", state: "live", batches: [batch(2), batch(3)] });
      expect(await streams.readStream(alice, "c1", 4, start)).toEqual({ streamId: "stream-1", state: "live", batches: [] });
    });

    it("has no log before a stream claims the chat, and an empty live one right after", async () => {
      expect(await streams.readStream(alice, "c1", 0, start)).toBeUndefined();
      expect(await streams.beginStream(alice, "c1", "stream-1", start)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, start)).toEqual({ streamId: "stream-1", state: "live", batches: [] });
    });

    it("refuses appends by a stream that does not hold the claim, and stores nothing of them", async () => {
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(0), start)).toBe(false);
      expect(await streams.readStream(alice, "c1", 0, start)).toBeUndefined();

      await writeLog("stream-1", 1);
      expect(await streams.appendToStream(alice, "c1", "intruder", batch(1), start)).toBe(false);
      expect(await streams.appendToStream(alice, "c1", "intruder", batch(0, "forged"), start)).toBe(false);
      await streams.endStream(alice, "c1", "stream-1", start + 1);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(1), start + 1)).toBe(false);
      expect(await streams.readStream(alice, "c1", 0, start + 1)).toEqual({ streamId: "stream-1", state: "ended", batches: [batch(0)] });
    });

    it("refuses appends once the lease ran out, so a reader that saw the log not live missed nothing", async () => {
      await writeLog("stream-1", 1);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(1), start + streams.leaseMs)).toBe(false);
      expect(await streams.readStream(alice, "c1", 0, start + streams.leaseMs)).toEqual({ streamId: "stream-1", state: "abandoned", batches: [batch(0)] });
    });

    it("stores a batch once when its append is repeated, and refuses to skip one", async () => {
      await writeLog("stream-1", 2);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(1), start)).toBe(true);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(0, "a retry that differs"), start)).toBe(true);
      await expect(streams.appendToStream(alice, "c1", "stream-1", batch(3), start)).rejects.toThrow();
      expect(await streams.readStream(alice, "c1", 0, start)).toEqual({ streamId: "stream-1", state: "live", batches: [batch(0), batch(1)] });
    });

    it("gives concurrent readers the same whole sequence while it is written", async () => {
      const count = 30;
      expect(await streams.beginStream(alice, "c1", "stream-1", start)).toBe(true);
      const follow = async () => {
        const seen: StreamBatch[] = [];
        for (;;) {
          const log = await streams.readStream(alice, "c1", seen.length, start + 1);
          seen.push(...(log?.batches ?? []));
          if (log && log.state !== "live") return seen;
          await yieldToOthers();
        }
      };
      const write = async () => {
        for (let index = 0; index < count; index += 1) {
          await streams.appendToStream(alice, "c1", "stream-1", batch(index), start);
          await yieldToOthers();
        }
        await streams.endStream(alice, "c1", "stream-1", start + 1);
      };
      const [, ...readers] = await Promise.all([write(), follow(), follow(), follow(), follow()]);
      const whole = Array.from({ length: count }, (_, index) => batch(index));
      for (const seen of readers) expect(seen).toEqual(whole);
    });

    it("reads a batch of more than 1 MB back whole", async () => {
      // Random text does not compress: an adapter that stores it in pieces has to split it.
      const chunks = Array.from({ length: 70 }, () => randomBytes(12 * 1024).toString("base64"));
      chunks.push("multi-byte text: é ü 漢字 🙂");
      expect(chunks.join("").length).toBeGreaterThan(1024 * 1024);
      await writeLog("stream-1", 1);
      expect(await streams.appendToStream(alice, "c1", "stream-1", { index: 1, chunks }, start)).toBe(true);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(2), start)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, start)).toEqual({ streamId: "stream-1", state: "live", batches: [batch(0), { index: 1, chunks }, batch(2)] });
    });

    it("is live while claimed, and not after the stream ended or its lease ran out", async () => {
      await writeLog("stream-1", 2);
      expect((await streams.readStream(alice, "c1", 0, start + streams.leaseMs - 1))?.state).toBe("live");
      // A process that died: its log stays, not live, for whoever recovers the answer.
      expect(await streams.readStream(alice, "c1", 0, start + streams.leaseMs)).toEqual({ streamId: "stream-1", state: "abandoned", batches: [batch(0), batch(1)] });

      await streams.endStream(alice, "c1", "stream-1", start + 1);
      expect(await streams.readStream(alice, "c1", 1, start + 2)).toEqual({ streamId: "stream-1", state: "ended", batches: [batch(1)] });
    });

    it("keeps an ended log readable for a while, then has none", async () => {
      await writeLog("stream-1", 2);
      const end = start + 5_000;
      await streams.endStream(alice, "c1", "stream-1", end);
      expect(await streams.readStream(alice, "c1", 0, end + ENDED_STREAM_READABLE_MS - 1)).toEqual({ streamId: "stream-1", state: "ended", batches: [batch(0), batch(1)] });
      expect(await streams.readStream(alice, "c1", 0, end + ENDED_STREAM_READABLE_MS)).toBeUndefined();
      // Cleaning up other chats' logs later leaves this one gone.
      await chats.ensureChat(alice, { id: "c2", title: "t", now: start });
      await streams.beginStream(alice, "c2", "stream-2", end + 2 * ENDED_STREAM_READABLE_MS);
      await streams.endStream(alice, "c2", "stream-2", end + 2 * ENDED_STREAM_READABLE_MS);
      expect(await streams.readStream(alice, "c1", 0, end + ENDED_STREAM_READABLE_MS)).toBeUndefined();
    });

    it("starts a new claim with an empty log, after an end or a crash", async () => {
      await writeLog("stream-1", 3);
      await streams.endStream(alice, "c1", "stream-1", start + 1);
      expect(await streams.beginStream(alice, "c1", "stream-2", start + 2)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, start + 2)).toEqual({ streamId: "stream-2", state: "live", batches: [] });
      expect(await streams.appendToStream(alice, "c1", "stream-2", batch(0, "second answer"), start + 2)).toBe(true);

      // stream-2's process dies; stream-3 takes over once the lease ran out.
      const takeover = start + 2 + streams.leaseMs;
      expect(await streams.beginStream(alice, "c1", "stream-3", takeover)).toBe(true);
      expect(await streams.appendToStream(alice, "c1", "stream-2", batch(1), takeover)).toBe(false);
      expect(await streams.readStream(alice, "c1", 0, takeover)).toEqual({ streamId: "stream-3", state: "live", batches: [] });
      expect(await streams.appendToStream(alice, "c1", "stream-3", batch(0), takeover)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, takeover)).toEqual({ streamId: "stream-3", state: "live", batches: [batch(0)] });
    });

    it("tells the chat read a log that was never ended, with when its claim runs out", async () => {
      expect((await chats.getChat(alice, "c1"))?.unendedLog).toBeUndefined();
      await writeLog("stream-1", 1);
      expect((await chats.getChat(alice, "c1"))?.unendedLog).toEqual({ streamId: "stream-1", claimedUntil: start + streams.leaseMs });
      await streams.endStream(alice, "c1", "stream-1", start + 1);
      expect((await chats.getChat(alice, "c1"))?.unendedLog).toBeUndefined();
    });

    it("lets one recovery claim an abandoned log, keeping its batches, and ends the log with it", async () => {
      await writeLog("stream-1", 2);
      const abandoned = start + streams.leaseMs;
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery-0", abandoned - 1)).toBe(false);

      const claims = await Promise.all(Array.from({ length: 5 }, (_, index) => streams.claimAbandonedStream(alice, "c1", `recovery-${index}`, abandoned)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const recovery = `recovery-${claims.indexOf(true)}`;
      expect(await streams.readStream(alice, "c1", 0, abandoned)).toEqual({ streamId: "stream-1", state: "abandoned", batches: [batch(0), batch(1)] });
      expect((await chats.getChat(alice, "c1"))?.unendedLog).toEqual({ streamId: "stream-1", claimedUntil: abandoned + streams.leaseMs });
      // The chat is held while the answer is recovered; the dead stream, should it come back, has lost it.
      expect(await streams.beginStream(alice, "c1", "next", abandoned)).toBe(false);
      expect(await streams.renewStream(alice, "c1", "stream-1", abandoned)).toBe(false);
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(2), abandoned)).toBe(false);

      await streams.endStream(alice, "c1", recovery, abandoned + 1);
      expect(await streams.readStream(alice, "c1", 0, abandoned + 1)).toEqual({ streamId: "stream-1", state: "ended", batches: [batch(0), batch(1)] });
      expect((await chats.getChat(alice, "c1"))?.unendedLog).toBeUndefined();
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery-late", abandoned + 2)).toBe(false);
      expect(await streams.requestStop(alice, "c1", abandoned + 2)).toBe(false);
      expect(await streams.beginStream(alice, "c1", "next", abandoned + 2)).toBe(true);
    });

    it("leaves a log abandoned again when its recovery died, and claims nothing that is not abandoned", async () => {
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery", start)).toBe(false);
      await writeLog("stream-1", 1);
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery", start)).toBe(false);
      const abandoned = start + streams.leaseMs;
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery-1", abandoned)).toBe(true);
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery-2", abandoned + streams.leaseMs - 1)).toBe(false);
      expect(await streams.claimAbandonedStream(alice, "c1", "recovery-2", abandoned + streams.leaseMs)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, abandoned + streams.leaseMs)).toEqual({ streamId: "stream-1", state: "abandoned", batches: [batch(0)] });

      await chats.ensureChat(alice, { id: "c2", title: "t", now: start });
      expect(await streams.beginStream(alice, "c2", "stream-2", start)).toBe(true);
      await streams.endStream(alice, "c2", "stream-2", start + 1);
      expect(await streams.claimAbandonedStream(alice, "c2", "recovery", start + streams.leaseMs)).toBe(false);
      expect(await streams.claimAbandonedStream(bob, "c1", "recovery", start + 3 * streams.leaseMs)).toBe(false);
    });

    it("shows and takes nothing of another user's chat", async () => {
      await writeLog("stream-1", 1);
      expect(await streams.readStream(bob, "c1", 0, start)).toBeUndefined();
      expect(await streams.appendToStream(bob, "c1", "stream-1", batch(1, "forged"), start)).toBe(false);
      expect(await streams.readStream(alice, "c1", 0, start)).toEqual({ streamId: "stream-1", state: "live", batches: [batch(0)] });
    });

    it("goes with the chat when the chat is deleted", async () => {
      await writeLog("stream-1", 2);
      expect(await chats.deleteChat(alice, "c1")).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, start)).toBeUndefined();
      expect(await streams.appendToStream(alice, "c1", "stream-1", batch(2), start)).toBe(false);

      // A chat created again under the id has no log of the old one.
      await chats.ensureChat(alice, { id: "c1", title: "again", now: start + 1 });
      expect(await streams.readStream(alice, "c1", 0, start + 1)).toBeUndefined();
      expect(await streams.beginStream(alice, "c1", "stream-2", start + 1)).toBe(true);
      expect(await streams.readStream(alice, "c1", 0, start + 1)).toEqual({ streamId: "stream-2", state: "live", batches: [] });
    });
  });
}
