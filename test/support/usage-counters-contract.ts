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
      const counter = { key: "messages:2026-11-21T09:41", limit: 3, expiresAt: 10_000 };
      expect(await usage.incrementWithinLimit(alice, counter)).toBe(1);
      expect(await usage.incrementWithinLimit(alice, counter)).toBe(2);
      expect(await usage.incrementWithinLimit(alice, counter)).toBe(3);
      expect(await usage.incrementWithinLimit(alice, counter)).toBeUndefined();
      expect(await usage.readUsage(alice, counter.key, 5_000)).toBe(3);

      expect(await usage.incrementWithinLimit(bob, counter)).toBe(1);
      expect(await usage.incrementWithinLimit(alice, { ...counter, key: "messages:2026-11-21T09:42" })).toBe(1);
    });

    it("never lets a burst of concurrent requests past the limit", async () => {
      const counter = { key: "messages:burst", limit: 10, expiresAt: 10_000 };
      const results = await Promise.all(Array.from({ length: 40 }, () => usage.incrementWithinLimit(alice, counter)));
      const granted = results.filter((count) => count !== undefined);
      expect(granted).toHaveLength(10);
      expect([...granted].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await usage.readUsage(alice, counter.key, 5_000)).toBe(10);
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
      await usage.incrementWithinLimit(alice, { key: "messages:w", limit: 5, expiresAt: 10_000 });
      const restarted = (await fresh.restart()).usage;
      expect(await restarted.incrementWithinLimit(alice, { key: "messages:w", limit: 5, expiresAt: 10_000 })).toBe(2);
    });
  });
}
