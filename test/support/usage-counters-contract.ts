import { beforeEach, describe, expect, it } from "vitest";
import type { UsageCounters } from "@/lib/store/usage-counters";
import { type StoresHarness, freshStores } from "./stores-harness";

// One contract for every UsageCounters adapter (the quotas' counters), run by each adapter's test file.

const alice = "user-alice";
const bob = "user-bob";

export function describeUsageCountersContract(adapterName: string, createHarness: () => StoresHarness) {
  describe(`UsageCounters contract: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    let usage: UsageCounters;
    beforeEach(() => {
      usage = fresh.stores.usage;
    });

    it("counts up to the limit and then refuses, per user and per key", async () => {
      const counter = { key: "messages:2026-11-21T09:41", amount: 1, limit: 3, expiresAt: 10_000 };
      expect(await usage.addWithinLimit(alice, counter, 5_000)).toBe(1);
      expect(await usage.addWithinLimit(alice, counter, 5_000)).toBe(2);
      expect(await usage.addWithinLimit(alice, counter, 5_000)).toBe(3);
      expect(await usage.addWithinLimit(alice, counter, 5_000)).toBeUndefined();
      expect(await usage.readUsage(alice, counter.key, 5_000)).toBe(3);

      expect(await usage.addWithinLimit(bob, counter, 5_000)).toBe(1);
      expect(await usage.addWithinLimit(alice, { ...counter, key: "messages:2026-11-21T09:42" }, 5_000)).toBe(1);
    });

    it("never lets a burst of concurrent requests past the limit", async () => {
      const counter = { key: "messages:burst", amount: 1, limit: 10, expiresAt: 10_000 };
      const results = await Promise.all(Array.from({ length: 40 }, () => usage.addWithinLimit(alice, counter, 5_000)));
      const granted = results.filter((count) => count !== undefined);
      expect(granted).toHaveLength(10);
      expect([...granted].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await usage.readUsage(alice, counter.key, 5_000)).toBe(10);
    });

    it("adds larger amounts while the count is below the limit, also in a concurrent burst", async () => {
      // Token reservations: each is granted while the budget is not used up, so the count ends
      // above the limit by less than one reservation.
      const counter = { key: "tokens:2026-11-21", amount: 300, limit: 1_000, expiresAt: 10_000 };
      const results = await Promise.all(Array.from({ length: 20 }, () => usage.addWithinLimit(alice, counter, 5_000)));
      const granted = results.filter((count) => count !== undefined);
      expect([...granted].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([300, 600, 900, 1_200]);
      expect(await usage.readUsage(alice, counter.key, 5_000)).toBe(1_200);
      expect(await usage.addWithinLimit(alice, { ...counter, amount: 1 }, 5_000)).toBeUndefined();
    });

    it("gives back a reservation with a negative amount, atomically with concurrent reservations", async () => {
      const counter = { key: "tokens:2026-11-21", limit: 1_000, expiresAt: 10_000 };
      expect(await usage.addWithinLimit(alice, { ...counter, amount: 1_000 }, 5_000)).toBe(1_000);
      expect(await usage.addWithinLimit(alice, { ...counter, amount: 10 }, 5_000)).toBeUndefined();
      // Settled: 250 used of the 1 000 reserved; the rest is free again for the reservations racing it.
      await Promise.all([
        usage.addUsage(alice, { ...counter, amount: 250 - 1_000 }),
        ...Array.from({ length: 5 }, () => usage.addWithinLimit(alice, { ...counter, amount: 100 }, 5_000)),
      ]);
      const count = await usage.readUsage(alice, counter.key, 5_000);
      expect([250, 350, 450, 550, 650, 750]).toContain(count);
      expect(await usage.addUsage(alice, { ...counter, amount: -(count - 250) })).toBe(250);
    });

    it("adds usage that already happened, also concurrently, and forgets it after it expires", async () => {
      const key = "tokens:2026-11-21";
      await Promise.all([100, 250, 650].map((amount) => usage.addUsage(alice, { key, amount, expiresAt: 20_000 })));
      expect(await usage.readUsage(alice, key, 10_000)).toBe(1_000);
      expect(await usage.addUsage(alice, { key, amount: 1, expiresAt: 20_000 })).toBe(1_001);
      expect(await usage.readUsage(alice, key, 20_001)).toBe(0);
      expect(await usage.readUsage(bob, key, 10_000)).toBe(0);
    });

    it("keeps counts across a restart", async () => {
      await usage.addWithinLimit(alice, { key: "messages:w", amount: 1, limit: 5, expiresAt: 10_000 }, 5_000);
      const restarted = (await fresh.restart()).usage;
      expect(await restarted.addWithinLimit(alice, { key: "messages:w", amount: 1, limit: 5, expiresAt: 10_000 }, 5_000)).toBe(2);
    });
  });
}
