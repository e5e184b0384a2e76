import { describe, expect, it } from "vitest";
import { describeLength } from "./describe-length";

describe("describeLength", () => {
  it("counts up to the limit, and over it says by how much to shorten", () => {
    expect(describeLength(29_000, 32_000)).toBe("29,000 / 32,000 characters");
    expect(describeLength(32_000, 32_000)).toBe("32,000 / 32,000 characters");
    expect(describeLength(32_001, 32_000)).toBe("Too long to send: 32,001 / 32,000 characters. Shorten it by 1.");
    expect(describeLength(40_000, 32_000)).toBe("Too long to send: 40,000 / 32,000 characters. Shorten it by 8,000.");
  });
});
