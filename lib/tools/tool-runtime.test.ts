import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isStepCount, streamText, tool, type ToolExecutionOptions } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ToolRun } from "@/lib/message/tool-run";
import { defineTool } from "./tool-definition";
import { ToolFailure, ToolTimeoutError } from "./tool-errors";
import { ToolResultCache } from "./tool-result-cache";
import { toolCallsThenText } from "@/test/support/chat-fixtures";
import { applyToolRuntime } from "./tool-runtime";
import { createStepCallLimit } from "./step-call-limit";

type Runs = Array<{ toolCallId: string; run: ToolRun }>;

function callOptions(toolCallId: string, abortSignal?: AbortSignal): ToolExecutionOptions<unknown> {
  return { toolCallId, messages: [], abortSignal, context: undefined };
}

function createRuntime(options: { cache?: ToolResultCache; defaultTimeoutMs?: number } = {}) {
  const runs: Runs = [];
  const runtime = {
    cache: options.cache ?? new ToolResultCache(),
    defaultTimeoutMs: options.defaultTimeoutMs ?? 5_000,
    onRunUpdate: (toolCallId: string, run: ToolRun) => runs.push({ toolCallId, run }),
  };
  return { runtime, runs };
}

/** A local HTTP server that never answers, and tells us when a request to it was aborted. */
async function startHangingServer() {
  const aborted: Promise<void>[] = [];
  const received: IncomingMessage[] = [];
  const server: Server = createServer((request) => {
    received.push(request);
    aborted.push(new Promise((resolve) => request.socket.once("close", () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    received,
    aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const fetchingTool = (url: string) =>
  defineTool(
    tool({
      inputSchema: z.object({}),
      execute: async (_input, { abortSignal }) => {
        const response = await fetch(url, { signal: abortSignal });
        return { status: response.status };
      },
    }),
    { timeoutMs: 150 },
  );

describe("tool runtime: timeout and abort", () => {
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  beforeEach(async () => {
    hanging = await startHangingServer();
  });
  afterEach(async () => {
    await hanging.close();
  });

  it("times out a slow call, aborts its fetch, and reports the timeout", async () => {
    const { runtime, runs } = createRuntime();
    const tools = applyToolRuntime({ slow: fetchingTool(hanging.url) }, runtime);

    await expect(tools.slow.execute?.({}, callOptions("call-1"))).rejects.toBeInstanceOf(ToolTimeoutError);
    expect(hanging.received).toHaveLength(1);
    await hanging.aborted[0]; // the server saw the connection go away: the fetch was really aborted
    expect(runs.map(({ run }) => run.status)).toEqual(["running", "timeout"]);
    expect(runs.at(-1)?.toolCallId).toBe("call-1");
    expect(runs.at(-1)?.run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("stops a call when the request is aborted, and reports it as stopped rather than timed out", async () => {
    const { runtime, runs } = createRuntime();
    const tools = applyToolRuntime({ slow: fetchingTool(hanging.url) }, runtime);
    const request = new AbortController();

    const call = tools.slow.execute?.({}, callOptions("call-2", request.signal));
    await waitFor(() => hanging.received.length === 1);
    request.abort(new Error("user pressed Stop"));

    await expect(call).rejects.toThrow("user pressed Stop");
    await hanging.aborted[0];
    expect(runs.map(({ run }) => run.status)).toEqual(["running", "aborted"]);
  });

  it("cuts off a tool that ignores the abort signal", async () => {
    const { runtime, runs } = createRuntime({ defaultTimeoutMs: 100 });
    const stubborn = defineTool(
      tool({ inputSchema: z.object({}), execute: () => new Promise<string>(() => undefined) }),
    );
    const tools = applyToolRuntime({ stubborn }, runtime);

    await expect(tools.stubborn.execute?.({}, callOptions("call-3"))).rejects.toThrow(/did not answer within 0.1 s/);
    expect(runs.at(-1)?.run.status).toBe("timeout");
  });
});

describe("tool runtime: cache", () => {
  function countingTool(ttlMs: number) {
    let executions = 0;
    const definition = defineTool(
      tool({
        inputSchema: z.object({ city: z.string(), units: z.string() }),
        execute: async ({ city }) => {
          executions += 1;
          return { city, execution: executions };
        },
      }),
      { cacheTtlMs: ttlMs },
    );
    return { definition, executions: () => executions };
  }

  it("misses, then hits for the same input in any key order, then expires after the TTL", async () => {
    let now = 1_000_000;
    const cache = new ToolResultCache(100, () => now);
    const { runtime, runs } = createRuntime({ cache });
    const { definition, executions } = countingTool(60_000);
    const tools = applyToolRuntime({ weather: definition }, runtime);

    const first = await tools.weather.execute?.({ city: "Paris", units: "metric" }, callOptions("a"));
    const second = await tools.weather.execute?.({ units: "metric", city: "Paris" }, callOptions("b"));
    expect(second).toEqual(first);
    expect(executions()).toBe(1);
    expect(runs.filter(({ toolCallId }) => toolCallId === "b").map(({ run }) => [run.status, run.cached])).toEqual([
      ["done", true],
    ]);

    await tools.weather.execute?.({ city: "Tokyo", units: "metric" }, callOptions("c"));
    expect(executions()).toBe(2);

    now += 60_001;
    const afterExpiry = await tools.weather.execute?.({ city: "Paris", units: "metric" }, callOptions("d"));
    expect(executions()).toBe(3);
    expect(afterExpiry).toEqual({ city: "Paris", execution: 3 });
    expect(runs.filter(({ toolCallId }) => toolCallId === "d").at(-1)?.run.cached).toBe(false);
  });

  it("does not cache tools without a TTL, nor failed calls", async () => {
    const { runtime } = createRuntime();
    let executions = 0;
    const flaky = defineTool(
      tool({
        inputSchema: z.object({}),
        execute: async () => {
          executions += 1;
          if (executions === 1) throw new ToolFailure("The weather service answered with HTTP 500.");
          return { ok: true };
        },
      }),
      { cacheTtlMs: 60_000 },
    );
    const tools = applyToolRuntime({ flaky }, runtime);

    await expect(tools.flaky.execute?.({}, callOptions("a"))).rejects.toThrow("HTTP 500");
    await expect(tools.flaky.execute?.({}, callOptions("b"))).resolves.toEqual({ ok: true });
    await expect(tools.flaky.execute?.({}, callOptions("c"))).resolves.toEqual({ ok: true });
    expect(executions).toBe(2);
  });
});

describe("tool runtime: output cap and failures", () => {
  it("truncates an output over the cap and says so", async () => {
    const { runtime, runs } = createRuntime();
    const big = defineTool(tool({ inputSchema: z.object({}), execute: async () => ({ text: "x".repeat(5_000) }) }), {
      maxOutputChars: 1_000,
    });
    const tools = applyToolRuntime({ big }, runtime);

    const output = await tools.big.execute?.({}, callOptions("a"));
    expect(output).toMatchObject({ truncated: true, originalChars: JSON.stringify({ text: "x".repeat(5_000) }).length });
    expect((output as { preview: string }).preview).toHaveLength(1_000);
    expect((output as { note: string }).note).toMatch(/truncated to the first 1000/);
    expect(runs.at(-1)?.run).toMatchObject({ status: "done", truncated: true });
  });

  it("leaves an output under the cap untouched", async () => {
    const { runtime, runs } = createRuntime();
    const small = defineTool(tool({ inputSchema: z.object({}), execute: async () => ({ answer: 42 }) }));
    const tools = applyToolRuntime({ small }, runtime);

    await expect(tools.small.execute?.({}, callOptions("a"))).resolves.toEqual({ answer: 42 });
    expect(runs.at(-1)?.run).toMatchObject({ status: "done", truncated: false, cached: false });
  });

  it("reports a thrown error as failed and rethrows it for the model without secrets or stack", async () => {
    const { runtime, runs } = createRuntime();
    const failure = new Error("connect ECONNREFUSED 10.0.0.1:5432 (postgres://admin:secret@db)");
    const broken = defineTool(
      tool({
        inputSchema: z.object({}),
        execute: async (): Promise<{ ok: true }> => {
          throw failure;
        },
      }),
    );
    const tools = applyToolRuntime({ broken }, runtime);

    const thrown = await Promise.resolve(tools.broken.execute?.({}, callOptions("a"))).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe("Error: connect ECONNREFUSED 10.0.0.1:5432 (postgres://***@db)");
    expect((thrown as Error).cause).toBe(failure);
    expect(runs.map(({ run }) => run.status)).toEqual(["running", "failed"]);
  });

  it("passes preliminary results of a streaming tool through, and caches the final one", async () => {
    const { runtime, runs } = createRuntime();
    let executions = 0;
    const progressive = defineTool(
      tool({
        inputSchema: z.object({}),
        async *execute() {
          executions += 1;
          yield { progress: "locating" };
          yield { progress: "fetching" };
          yield { done: true };
        },
      }),
      { cacheTtlMs: 60_000 },
    );
    const tools = applyToolRuntime({ progressive }, runtime);

    const results: unknown[] = [];
    for await (const value of tools.progressive.execute?.({}, callOptions("a")) as AsyncIterable<unknown>) {
      results.push(value);
    }
    expect(results).toEqual([{ progress: "locating" }, { progress: "fetching" }, { done: true }]);
    expect(runs.map(({ run }) => run.status)).toEqual(["running", "done"]);

    await expect(tools.progressive.execute?.({}, callOptions("b"))).resolves.toEqual({ done: true });
    expect(executions).toBe(1);
  });
});

describe("tool runtime inside streamText", () => {
  it("runs two tool calls of one step concurrently", async () => {
    let active = 0;
    let maxActive = 0;
    let releaseBoth: () => void = () => undefined;
    const bothStarted = new Promise<void>((resolve) => {
      releaseBoth = resolve;
    });
    const slowEcho = defineTool(
      tool({
        inputSchema: z.object({ value: z.string() }),
        execute: async ({ value }) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          if (active === 2) releaseBoth();
          // Sequential execution would never release this; the fallback keeps a broken build from hanging.
          await Promise.race([bothStarted, new Promise((resolve) => setTimeout(resolve, 2_000))]);
          active -= 1;
          return { value };
        },
      }),
    );
    const { runtime, runs } = createRuntime();
    const tools = applyToolRuntime({ slowEcho }, runtime);

    const result = streamText({
      model: twoToolCallsThenText(),
      tools,
      prompt: "echo a and b",
      stopWhen: isStepCount(3),
    });
    await result.consumeStream();

    expect(maxActive).toBe(2);
    expect(runs.filter(({ run }) => run.status === "done").map(({ toolCallId }) => toolCallId).sort()).toEqual([
      "call-a",
      "call-b",
    ]);
    expect(await result.text).toBe("Both done.");
  });
});

function twoToolCallsThenText() {
  const calls = ["a", "b"].map((value) => ({ toolName: "slowEcho", input: { value }, id: `call-${value}` }));
  return toolCallsThenText({ calls, text: ["Both done."] }).model;
}

async function waitFor(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("tool runtime: calls per step", () => {
  it("refuses the calls of a step beyond its limit, and counts again from the next step", async () => {
    const { runtime, runs } = createRuntime();
    const stepCallLimit = createStepCallLimit(2);
    const tools = applyToolRuntime(
      { echo: defineTool(tool({ inputSchema: z.object({}), execute: async () => "ran" })) },
      { ...runtime, stepCallLimit },
    );
    const call = (id: string) => tools.echo.execute?.({}, callOptions(id));

    const firstStep = await Promise.allSettled([call("a"), call("b"), call("c")]);
    expect(firstStep.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(firstStep[2]).toMatchObject({ reason: expect.any(ToolFailure) });
    expect(runs.filter(({ toolCallId }) => toolCallId === "c").map(({ run }) => run.status)).toEqual(["failed"]);

    stepCallLimit.startStep();
    await expect(call("d")).resolves.toBe("ran");
  });
});
