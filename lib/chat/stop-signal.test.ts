import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { Stores } from "@/lib/store/open-stores";
import { createStopSignal } from "./stop-signal";

const userId = "user-1";
const chatId = "chat-1";
const start = 1_000_000;

describe("createStopSignal", () => {
  let stores: Stores;
  let clock: number;
  let dispose: () => void = () => undefined;
  beforeEach(async () => {
    stores = openSqliteStores(":memory:");
    clock = start;
    await stores.chats.ensureChat(userId, { id: chatId, title: "t", now: start });
    expect(await stores.streams.beginStream(userId, chatId, "answer", start)).toBe(true);
  });
  afterEach(async () => {
    dispose();
    await stores.close();
  });

  const watch = () => {
    const stop = createStopSignal({ streams: stores.streams, userId, chatId, streamId: "answer" }, 5, () => clock);
    dispose = stop.dispose;
    return stop.signal;
  };

  it("renews the answer's claim while it runs, so the chat stays claimed past the first lease", async () => {
    const renewals = vi.spyOn(stores.streams, "renewStream");
    const signal = watch();
    clock = start + stores.streams.leaseMs / 2;
    await vi.waitFor(() => expect(renewals).toHaveBeenCalled());

    expect(await stores.streams.beginStream(userId, chatId, "another", start + stores.streams.leaseMs)).toBe(false);
    expect(signal.aborted).toBe(false);
  });

  it("stops the answer when its lease ran out before it could renew it (the process stalled), though no other took the chat", async () => {
    const signal = watch();
    clock = start + stores.streams.leaseMs;

    await vi.waitFor(() => expect(signal.aborted).toBe(true));
    expect(signal.reason).toMatchObject({ name: "AbortError", message: "The answer lost its claim on the chat." });
  });

  it("stops the answer once its claim is lost (the process stalled past the lease and another answer took over)", async () => {
    const signal = watch();
    expect(await stores.streams.beginStream(userId, chatId, "successor", start + stores.streams.leaseMs)).toBe(true);
    clock = start + stores.streams.leaseMs;

    await vi.waitFor(() => expect(signal.aborted).toBe(true));
    expect(signal.reason).toMatchObject({ name: "AbortError", message: "The answer lost its claim on the chat." });
    // The successor's claim is untouched.
    expect(await stores.streams.requestStop(userId, chatId, clock)).toBe(true);
    expect(await stores.streams.isStopRequested(userId, chatId, "successor")).toBe(true);
  });
});
