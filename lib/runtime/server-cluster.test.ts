import { describe, expect, it } from "vitest";
import { restartDelayMs } from "./server-cluster.mts";

describe("the wait before a server process of npm start is replaced", () => {
  it("doubles while replacements keep ending soon after they start, up to a ceiling", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
