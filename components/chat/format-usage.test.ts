import { describe, expect, it } from "vitest";
import { formatCost, formatTokens } from "./format-usage";

describe("formatTokens", () => {
  it("groups thousands and says token or tokens", () => {
    expect(formatTokens(1_234_567)).toBe("1,234,567 tokens");
    expect(formatTokens(1)).toBe("1 token");
    expect(formatTokens(0)).toBe("0 tokens");
  });
});

describe("formatCost", () => {
  it("shows cents from ten cents up", () => {
    expect(formatCost(1_234.5)).toBe("$1,234.50");
    expect(formatCost(0.25)).toBe("$0.25");
    expect(formatCost(0.999)).toBe("$1.00");
  });

  it("shows two significant digits below ten cents, since an answer costs fractions of a cent", () => {
    expect(formatCost(0.0012345)).toBe("$0.0012");
    expect(formatCost(0.007004)).toBe("$0.0070");
    expect(formatCost(0.055)).toBe("$0.055");
    expect(formatCost(0.00000025)).toBe("$0.00000025");
  });

  it("shows nothing spent as $0", () => {
    expect(formatCost(0)).toBe("$0");
  });
});
