import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { UsageCounters } from "@/lib/store/usage-counters";
import { takeMessageAllowance, type QuotaLimits } from "./quota";

const at = (iso: string) => Date.parse(iso);

/** A short first message, no tools: its reservation is its maximum output and a few tokens more. */
const firstCall = { instructions: "Be brief.", messages: [{ role: "user", text: "Hi" }], tools: {}, maxOutputTokens: 100, contextWindow: 128_000 };

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

  const take = (userId: string, limits: QuotaLimits, now: number) => takeMessageAllowance(counters, userId, limits, { ...firstCall, now: () => now });
  /** The refusal `take` throws, with the `Retry-After` it answers with. */
  const refusal = async (taking: Promise<unknown>, now: number) => {
    const error = await taking.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof ParleyError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return { code: error.code, message: error.message, retryAt: error.retryAt, retryAfter: error.toResponse(now).headers.get("retry-after") };
  };

  it("allows N messages in a minute, refuses the next until the minute ends, then allows again", async () => {
    const limits = { messagesPerMinute: 3, dailyTokenBudget: 0 };
    for (let index = 0; index < 3; index += 1) {
      expect(await take("u", limits, at("2026-11-21T09:41:10Z"))).toBeUndefined();
    }
    expect(await refusal(take("u", limits, at("2026-11-21T09:41:40Z")), at("2026-11-21T09:41:40Z"))).toEqual({
      code: "rate_limited",
      retryAt: at("2026-11-21T09:42:00Z"),
      retryAfter: "20",
      message: "You can send 3 messages a minute. You can continue in 20 s.",
    });
    expect(await take("u", limits, at("2026-11-21T09:42:00Z"))).toBeUndefined();
    expect(await take("other", limits, at("2026-11-21T09:41:40Z"))).toBeUndefined();
  });

  it("says a wait of more than 59 s in minutes, at the start of a clock minute", async () => {
    const limits = { messagesPerMinute: 1, dailyTokenBudget: 0 };
    expect(await take("u", limits, at("2026-11-21T09:41:00.300Z"))).toBeUndefined();
    expect(await refusal(take("u", limits, at("2026-11-21T09:41:00.400Z")), at("2026-11-21T09:41:00.400Z"))).toMatchObject({
      retryAfter: "60",
      message: "You can send 1 message a minute. You can continue in 1 min.",
    });
  });

  it("holds the limit exactly under a concurrent burst", async () => {
    const limits = { messagesPerMinute: 5, dailyTokenBudget: 0 };
    const now = at("2026-11-21T09:41:10Z");
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => take("u", limits, now)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
  });

  it("refuses once today's tokens are used up, until midnight UTC, without using a message", async () => {
    const limits = { messagesPerMinute: 100, dailyTokenBudget: 1_000 };
    await counters.addUsage("u", { key: "tokens:2026-11-21", amount: 1_050, expiresAt: at("2026-11-23T00:00:00Z") });

    const now = at("2026-11-21T22:30:00Z");
    expect(await refusal(take("u", limits, now), now)).toEqual({
      code: "rate_limited",
      retryAt: at("2026-11-22T00:00:00Z"),
      retryAfter: "5400",
      message: "You have used today's budget of 1 000 tokens. You can continue in 1 h 30 min (at midnight UTC).",
    });
    expect(await counters.readUsage("u", "messages:2026-11-21T22:30", now)).toBe(0);
    expect(await counters.readUsage("u", "tokens:2026-11-21", now)).toBe(1_050);

    const tokens = await take("u", limits, at("2026-11-22T00:00:01Z"));
    expect(await counters.readUsage("u", "tokens:2026-11-22", at("2026-11-22T00:00:01Z"))).toBeGreaterThan(firstCall.maxOutputTokens);
    await tokens?.settle();
  });

  it("admits an answer with a reservation of its first call while the budget is not used up; an answer that never calls the model gives it back", async () => {
    const limits = { messagesPerMinute: 0, dailyTokenBudget: 200 };
    const now = at("2026-11-21T09:00:00Z");
    const first = await take("u", limits, now);
    const reserved = await counters.readUsage("u", "tokens:2026-11-21", now);
    expect(reserved).toBeGreaterThan(firstCall.maxOutputTokens);
    expect(reserved).toBeLessThan(firstCall.maxOutputTokens + 20);

    // 2 × the reservation passes the budget: the third is refused.
    const second = await take("u", limits, now);
    await expect(take("u", limits, now)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await counters.readUsage("u", "tokens:2026-11-21", now)).toBe(2 * reserved);

    await Promise.all([first?.settle(), second?.settle()]);
    expect(await counters.readUsage("u", "tokens:2026-11-21", now)).toBe(0);
  });

  it("reserves no more than the model's context window for a chat that outgrew it (what is sent is fitted to the window)", async () => {
    const limits = { messagesPerMinute: 0, dailyTokenBudget: 10_000 };
    const now = at("2026-11-21T09:00:00Z");
    const longChat = Array.from({ length: 500 }, (_, index) => ({ role: "user", text: `A long message, number ${index}, `.repeat(40) }));
    const admitted = await takeMessageAllowance(counters, "u", limits, { ...firstCall, messages: longChat, contextWindow: 4_096, now: () => now });
    expect(await counters.readUsage("u", "tokens:2026-11-21", now)).toBe(4_096);
    await admitted?.settle();
  });

  it("gives the tokens back when the message limit refuses", async () => {
    const limits = { messagesPerMinute: 1, dailyTokenBudget: 1_000 };
    const now = at("2026-11-21T09:00:00Z");
    const first = await take("u", limits, now);
    const reserved = await counters.readUsage("u", "tokens:2026-11-21", now);
    await expect(take("u", limits, now)).rejects.toMatchObject({ message: "You can send 1 message a minute. You can continue in 1 min." });
    expect(await counters.readUsage("u", "tokens:2026-11-21", now)).toBe(reserved);
    await first?.settle();
  });

  it("limits nothing when the limits are 0", async () => {
    const limits = { messagesPerMinute: 0, dailyTokenBudget: 0 };
    await counters.addUsage("u", { key: "tokens:2026-11-21", amount: 1e9, expiresAt: at("2026-11-23T00:00:00Z") });
    for (let index = 0; index < 50; index += 1) {
      expect(await take("u", limits, at("2026-11-21T09:00:00Z"))).toBeUndefined();
    }
  });
});
