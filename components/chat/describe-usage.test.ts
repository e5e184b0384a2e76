import { describe, expect, it } from "vitest";
import type { UsageTotal } from "@/lib/message/usage-total";
import { describeUsage } from "./describe-usage";

const reported: UsageTotal = {
  answers: 1,
  answersWithoutUsage: 0,
  calls: 2,
  reportedCalls: 2,
  inputTokens: 1_000,
  outputTokens: 234,
  totalTokens: 1_234,
  answersWithoutPrice: 0,
};

describe("describeUsage", () => {
  it("tells the tokens and cost, and the split in the details", () => {
    expect(describeUsage({ ...reported, cost: 0.0039 })).toEqual({ text: "1,234 tokens · $0.0039", details: "1,000 tokens in, 234 tokens out" });
  });

  it("adds the cached and reasoning tokens to the split where there are any", () => {
    const description = describeUsage({ ...reported, cachedInputTokens: 800, reasoningTokens: 100, cost: 0.0039 });
    expect(description?.details).toBe("1,000 tokens in (800 cached), 234 tokens out (100 reasoning)");
    expect(describeUsage({ ...reported, cachedInputTokens: 0, reasoningTokens: 0, cost: 0.0039 })?.details).toBe("1,000 tokens in, 234 tokens out");
  });

  it("says when no price is configured, and shows no cost", () => {
    expect(describeUsage(reported)).toEqual({ text: "1,234 tokens", details: "1,000 tokens in, 234 tokens out; no price configured for the model" });
  });

  it("says usage not reported where no model call reported any, never zero", () => {
    const description = describeUsage({ ...reported, reportedCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(description?.text).toBe("usage not reported");
    expect(description?.details).toContain("does not send them");
  });

  it("says at least where some calls or answers are not counted", () => {
    expect(describeUsage({ ...reported, calls: 3, cost: 0.0039 })).toEqual({
      text: "at least 1,234 tokens · $0.0039",
      details: "1,000 tokens in, 234 tokens out; left out: 1 of 3 model calls, which reported no tokens",
    });
    expect(describeUsage({ ...reported, answers: 3, answersWithoutUsage: 2 })?.text).toBe("at least 1,234 tokens");
    expect(describeUsage({ ...reported, answers: 3, answersWithoutUsage: 2 })?.details).toContain("left out: 2 earlier answers, stored without usage");
  });

  it("says at least for a cost that leaves out answers of a model without a price", () => {
    expect(describeUsage({ ...reported, answers: 2, answersWithoutPrice: 1, cost: 0.0039 })).toEqual({
      text: "1,234 tokens · at least $0.0039",
      details: "1,000 tokens in, 234 tokens out; no cost for 1 answer of a model without a price",
    });
  });

  it("tells nothing when no model call was made, or the answers predate usage", () => {
    expect(describeUsage({ ...reported, calls: 0, reportedCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 })).toBeUndefined();
  });
});
