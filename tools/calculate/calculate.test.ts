import { describe, expect, it } from "vitest";
import type { ToolRun } from "@/lib/message/tool-run";
import { ToolTimeoutError } from "@/lib/tools/tool-errors";
import { ToolResultCache } from "@/lib/tools/tool-result-cache";
import { applyToolRuntime } from "@/lib/tools/tool-runtime";
import { calculate } from "./calculate";

const run = (expression: string) =>
  calculate.tool.execute({ expression }, { toolCallId: "test", messages: [], context: undefined });

/** `calculate` as the chat route runs it: under the tool runtime, with its own timeout. */
function calculateUnderRuntime() {
  const statuses: ToolRun["status"][] = [];
  const { calculate: runtimeCalculate } = applyToolRuntime(
    { calculate },
    { cache: new ToolResultCache(), defaultTimeoutMs: 5_000, onRunUpdate: (_id, toolRun) => statuses.push(toolRun.status) },
  );
  const execute = (expression: string) =>
    runtimeCalculate.execute?.({ expression }, { toolCallId: "call-1", messages: [], context: undefined });
  return { execute, statuses };
}

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

  it("answers correctly after a calculation that failed inside the math library", async () => {
    await expect(run("sin(1e1000000)")).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/too large/) });
    await expect(run("sqrt(2)")).resolves.toEqual({ ok: true, expression: "sqrt(2)", result: "1.4142135623731" });
  });

  it("stops a calculation at its timeout, and the event loop keeps running meanwhile", async () => {
    const { execute, statuses } = calculateUnderRuntime();
    const calculation = Promise.resolve(execute("combinations(1e7, 1e6)"));
    let settled = false;
    void calculation.catch(() => undefined).finally(() => (settled = true));

    // Computed on the main thread, the call would block this loop for many seconds and then succeed.
    let turns = 0;
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      turns += 1;
    }
    await expect(calculation).rejects.toBeInstanceOf(ToolTimeoutError);
    expect(statuses).toEqual(["running", "timeout"]);
    expect(turns).toBeGreaterThan(20);
    // The terminated worker's place is taken by a new one.
    await expect(run("2 + 2")).resolves.toMatchObject({ ok: true, result: "4" });
  });
});
