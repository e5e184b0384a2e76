import { describe, expect, it } from "vitest";
import { tokenCost } from "./token-cost";

describe("tokenCost", () => {
  it("prices input and output tokens at their own rates, per million", () => {
    expect(tokenCost({ inputTokens: 1_000_000, outputTokens: 0 }, { input: 2, output: 8 })).toBe(2);
    expect(tokenCost({ inputTokens: 1_234, outputTokens: 567 }, { input: 2, output: 8 })).toBe(0.007004);
    expect(tokenCost({ inputTokens: 0, outputTokens: 0 }, { input: 2, output: 8 })).toBe(0);
  });

  it("keeps a billionth of a dollar, without float noise", () => {
    // 3 × 0.1 / 1e6 is 3.0000000000000004e-7 in plain floating point.
    expect(tokenCost({ inputTokens: 3, outputTokens: 0 }, { input: 0.1, output: 0 })).toBe(0.0000003);
    // Half a billionth rounds up; less is nothing.
    expect(tokenCost({ inputTokens: 1, outputTokens: 0 }, { input: 0.0005, output: 0 })).toBe(0.000000001);
    expect(tokenCost({ inputTokens: 1, outputTokens: 0 }, { input: 0.0004, output: 0 })).toBe(0);
  });
});
