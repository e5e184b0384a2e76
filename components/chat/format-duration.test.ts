import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it("reads well at every scale", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(350.4)).toBe("350 ms");
    expect(formatDuration(2_468)).toBe("2.4 s");
    expect(formatDuration(12_900)).toBe("12 s");
    expect(formatDuration(65_000)).toBe("1 min 05 s");
    expect(formatDuration(-5)).toBe("0 ms");
  });
});
