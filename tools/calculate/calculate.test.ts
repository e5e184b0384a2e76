import { describe, expect, it } from "vitest";
import { calculate } from "./calculate";

const run = (expression: string) =>
  calculate.tool.execute({ expression }, { toolCallId: "test", messages: [], context: undefined });

describe("calculate", () => {
  it("understands percentages written the way people write them", async () => {
    await expect(run("17% of 2340")).resolves.toEqual({ ok: true, expression: "17% of 2340", result: "397.8" });
    await expect(run("2.5 % of 80")).resolves.toMatchObject({ ok: true, result: "2" });
  });

  it("accepts × and ÷", async () => {
    await expect(run("6 × 7 ÷ 2")).resolves.toMatchObject({ ok: true, result: "21" });
  });

  it("returns an expected failure as data the model can read", async () => {
    await expect(run("2 +")).resolves.toMatchObject({ ok: false, expression: "2 +", reason: expect.stringMatching(/could not be read/) });
    await expect(run("process.exit(1)")).resolves.toMatchObject({ ok: false });
  });
});
