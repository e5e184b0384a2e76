import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { UsageCounters } from "@/lib/store/usage-counters";
import { recordTokensUsed, takeMessageAllowance } from "./quota";

const at = (iso: string) => Date.parse(iso);

describe("quotas", () => {
  let stores: Stores;
  let counters: UsageCounters;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
    counters = stores.usage;
  });
  afterEach(async () => {
    await stores.close();
  });

  it("allows N messages in a minute, refuses the next until the minute ends, then allows again", async () => {
    const limits = { messagesPerMinute: 3, dailyTokenBudget: 0 };
    for (let index = 0; index < 3; index += 1) {
      expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:41:10Z"))).toBeUndefined();
    }
    const denial = await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:41:40Z"));
    expect(denial).toMatchObject({
      reason: "messages_per_minute",
      retryAt: at("2026-11-21T09:42:00Z"),
      retryAfterSeconds: 20,
      message: "You can send 3 messages a minute. You can continue in 20 s.",
    });
    expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:42:00Z"))).toBeUndefined();
    expect(await takeMessageAllowance(counters, "other", limits, at("2026-11-21T09:41:40Z"))).toBeUndefined();
  });

  it("says a wait of more than 59 s in minutes, at the start of a clock minute", async () => {
    const limits = { messagesPerMinute: 1, dailyTokenBudget: 0 };
    expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:41:00.300Z"))).toBeUndefined();
    expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:41:00.400Z"))).toMatchObject({
      retryAfterSeconds: 60,
      message: "You can send 1 message a minute. You can continue in 1 min.",
    });
  });

  it("holds the limit exactly under a concurrent burst", async () => {
    const limits = { messagesPerMinute: 5, dailyTokenBudget: 0 };
    const now = at("2026-11-21T09:41:10Z");
    const results = await Promise.all(Array.from({ length: 25 }, () => takeMessageAllowance(counters, "u", limits, now)));
    expect(results.filter((denial) => denial === undefined)).toHaveLength(5);
  });

  it("refuses once today's tokens are used up, until midnight UTC, without using a message", async () => {
    const limits = { messagesPerMinute: 100, dailyTokenBudget: 1_000 };
    const morning = at("2026-11-21T09:00:00Z");
    await recordTokensUsed(counters, "u", 600, morning);
    expect(await takeMessageAllowance(counters, "u", limits, morning)).toBeUndefined();
    await recordTokensUsed(counters, "u", 450, morning);

    const denial = await takeMessageAllowance(counters, "u", limits, at("2026-11-21T22:30:00Z"));
    expect(denial).toMatchObject({ reason: "daily_tokens", retryAt: at("2026-11-22T00:00:00Z"), retryAfterSeconds: 5_400 });
    expect(denial?.message).toBe("You have used today's budget of 1 000 tokens. You can continue in 1 h 30 min (at midnight UTC).");
    expect(await counters.readUsage("u", "messages:2026-11-21T22:30", at("2026-11-21T22:30:00Z"))).toBe(0);

    expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-22T00:00:01Z"))).toBeUndefined();
  });

  it("limits nothing when the limits are 0", async () => {
    const limits = { messagesPerMinute: 0, dailyTokenBudget: 0 };
    await recordTokensUsed(counters, "u", 1e9, at("2026-11-21T09:00:00Z"));
    for (let index = 0; index < 50; index += 1) {
      expect(await takeMessageAllowance(counters, "u", limits, at("2026-11-21T09:00:00Z"))).toBeUndefined();
    }
  });
});
