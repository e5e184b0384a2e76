import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ToolRun } from "@/lib/message/tool-run";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { needsApproval } from "@/lib/tools/tool-approval-policy";
import { ToolFailure } from "@/lib/tools/tool-errors";
import { ToolResultCache } from "@/lib/tools/tool-result-cache";
import { applyToolRuntime } from "@/lib/tools/tool-runtime";
import { changingStdioCommand, startChangingHttp, type ChangingHttpServer } from "@/test/support/changing-mcp-server";
import { everythingStdioCommand, startEverythingHttp, type EverythingHttpServer, type EverythingStdioCommand } from "@/test/support/everything-server";
import { listen, type RunningServer } from "@/test/fixtures/http/listen";
import { STDIO_ON_LAMBDA } from "./mcp-connection";
import { resolveMcpServers, type McpServerConfig } from "./mcp-config";
import { McpServers, type McpTools } from "./mcp-servers";

// The connection manager against the MCP project's reference server, started by the tests over
// stdio and over Streamable HTTP, with every call going through Parley's tool runtime.

const CONNECT_TIMEOUT_MS = 5_000;

function serverConfig(entry: Record<string, unknown>, variables: Record<string, string> = {}): McpServerConfig {
  const resolved = resolveMcpServers(JSON.stringify([entry]), variables);
  if ("problems" in resolved) throw new Error(resolved.problems.join("; "));
  const [server] = resolved.servers;
  if (!server) throw new Error("no server");
  return server;
}

type Outcome = { outputs: unknown[]; runs: ToolRun[]; error?: unknown };

/** One call of a tool through the runtime, as a chat turn makes it: every output it streams, every report. */
async function callTool(
  definitions: ToolDefinitions,
  name: string,
  input: unknown,
  { abortSignal, onOutput }: { abortSignal?: AbortSignal; onOutput?: () => void } = {},
): Promise<Outcome> {
  const runs: ToolRun[] = [];
  const tools = applyToolRuntime(definitions, { cache: new ToolResultCache(), defaultTimeoutMs: 20_000, onRunUpdate: (_id, run) => runs.push(run) });
  const execute = tools[name]?.execute;
  if (!execute) throw new Error(`no tool ${name} among ${Object.keys(definitions).join(", ")}`);
  const outputs: unknown[] = [];
  try {
    const result = execute(input, { toolCallId: "call-1", messages: [], abortSignal, context: undefined });
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      for await (const output of result as AsyncIterable<unknown>) {
        outputs.push(output);
        onOutput?.();
      }
    } else outputs.push(await result);
    return { outputs, runs };
  } catch (error) {
    return { outputs, runs, error };
  }
}

type Transport = {
  config: () => McpServerConfig;
  /** The server dies (SIGKILL). */
  kill: () => Promise<void>;
  /** The server is up again after it died; a stdio server is started anew by Parley itself, once it has seen it end. */
  bringBack: (manager: McpServers) => Promise<void>;
};

let http: EverythingHttpServer;
let stdio: EverythingStdioCommand;

beforeAll(async () => {
  http = await startEverythingHttp();
  stdio = everythingStdioCommand();
});

afterAll(async () => {
  await http.kill();
  stdio.cleanUp();
});

const transports: Array<[string, () => Transport]> = [
  [
    "stdio",
    () => ({
      config: () => serverConfig({ name: "everything", command: stdio.command, args: stdio.args }),
      kill: async () => stdio.kill(),
      bringBack: async (manager) => {
        const ended = stdio.pid();
        // Starting server-everything anew can take more than waitFor's default second on a busy machine.
        await vi.waitFor(async () => {
          await manager.tools();
          expect(stdio.pid()).not.toBe(ended);
        }, { timeout: CONNECT_TIMEOUT_MS });
      },
    }),
  ],
  [
    "Streamable HTTP",
    () => ({
      config: () => serverConfig({ name: "everything", url: http.url }),
      kill: () => http.kill(),
      bringBack: () => http.restart(),
    }),
  ],
];

describe.each(transports)("an MCP server over %s", (_name, makeTransport) => {
  let servers: McpServers | undefined;
  afterEach(async () => {
    await servers?.close();
    servers = undefined;
  });

  function connect(config = makeTransport().config()) {
    servers = new McpServers([config], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    return servers;
  }

  it("lists its tools under names every provider takes, with the server's hints on each", async () => {
    const { definitions, servers: statuses } = await connect().tools();
    expect(Object.keys(definitions)).toEqual(expect.arrayContaining(["everything__echo", "everything__get-sum", "everything__trigger-long-running-operation"]));
    for (const name of Object.keys(definitions)) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(definitions["everything__echo"]?.mcp).toEqual({
      server: "everything",
      toolName: "echo",
      title: "Echo Tool",
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    });
    // Read-only by the server's word: cached; the others are not.
    expect(definitions["everything__echo"]?.runtime.cacheTtlMs).toBe(60_000);
    expect(definitions["everything__toggle-simulated-logging"]?.runtime.cacheTtlMs).toBeUndefined();
    // The server's hints are what the `hints` approval policy reads: a read-only tool goes ahead.
    expect(definitions["everything__echo"]?.runtime.hints).toEqual({ readOnly: true, destructive: false });
    expect(needsApproval(definitions["everything__echo"]?.runtime ?? {}, "hints")).toBe(false);
    expect(statuses).toEqual([expect.objectContaining({ name: "everything", status: "available", tools: expect.arrayContaining([{ name: "everything__echo", title: "Echo Tool" }]) })]);
  });

  it("makes calls wait for approval as the server's entry says: by the tools' hints unless it says otherwise", async () => {
    const { definitions } = await connect().tools();
    expect(definitions["everything__echo"]?.runtime.approval).toBe("hints");
    await servers?.close();
    const gated = await connect({ ...makeTransport().config(), approval: "always" }).tools();
    expect(needsApproval(gated.definitions["everything__echo"]?.runtime ?? {}, undefined)).toBe(true);
    // TOOL_APPROVAL names a single tool over its server's entry.
    expect(needsApproval(gated.definitions["everything__echo"]?.runtime ?? {}, "never")).toBe(false);
  });

  it("offers only what the entry allows, less what it denies", async () => {
    const config = { ...makeTransport().config(), allowTools: ["echo", "get-sum", "get-env"], denyTools: ["get-env"] };
    const { definitions } = await connect(config).tools();
    expect(Object.keys(definitions).sort()).toEqual(["everything__echo", "everything__get-sum"]);
  });

  it("reuses its connection between requests", async () => {
    const manager = connect();
    const first = await manager.tools();
    const second = await manager.tools();
    expect(second.definitions).toBe(first.definitions);
  });

  it("answers a call through the tool runtime", async () => {
    const { definitions } = await connect().tools();
    const outcome = await callTool(definitions, "everything__get-sum", { a: 2, b: 40 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.at(-1)).toEqual({ text: "The sum of 2 and 40 is 42." });
    expect(outcome.runs.map((run) => run.status)).toEqual(["running", "done"]);
    expect(outcome.runs.at(-1)).toMatchObject({ toolName: "everything__get-sum", cached: false, truncated: false });
  });

  it("streams the server's progress notifications as preliminary results", async () => {
    const { definitions } = await connect().tools();
    const outcome = await callTool(definitions, "everything__trigger-long-running-operation", { duration: 0.6, steps: 3 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs).toEqual([
      { progress: "1 of 3" },
      { progress: "2 of 3" },
      { progress: "3 of 3" },
      { text: "Long running operation completed. Duration: 0.6 seconds, Steps: 3." },
    ]);
  });

  it("fails a call the server refuses, with the server's reason, and stays connected", async () => {
    const manager = connect();
    const { definitions } = await manager.tools();
    const outcome = await callTool(definitions, "everything__echo", {});
    expect(outcome.error).toBeInstanceOf(ToolFailure);
    expect(String(outcome.error)).toMatch(/The tool answered with an error: .*Invalid arguments for tool echo/);
    expect(outcome.runs.map((run) => run.status)).toEqual(["running", "failed"]);

    const next = await callTool((await manager.tools()).definitions, "everything__echo", { message: "still here" });
    expect(next.outputs.at(-1)).toEqual({ text: "Echo: still here" });
  });

  it("stops a call when the request is aborted, and keeps the connection for the next", async () => {
    const manager = connect();
    const { definitions } = await manager.tools();
    const request = new AbortController();
    const started = Date.now();
    const call = callTool(definitions, "everything__trigger-long-running-operation", { duration: 10, steps: 10 }, { abortSignal: request.signal });
    setTimeout(() => request.abort(new Error("user pressed Stop")), 300);
    const outcome = await call;
    expect(String(outcome.error)).toContain("user pressed Stop");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome.runs.map((run) => run.status)).toEqual(["running", "aborted"]);

    const next = await callTool((await manager.tools()).definitions, "everything__echo", { message: "after the stop" });
    expect(next.outputs.at(-1)).toEqual({ text: "Echo: after the stop" });
  });

  it("fails a call whose server dies mid-call at once, and works again once the server is back", async () => {
    const transport = makeTransport();
    const manager = connect(transport.config());
    const { definitions } = await manager.tools();
    let killing: Promise<void> | undefined;
    const started = Date.now();
    // The server dies once the call has reported its first progress.
    const outcome = await callTool(definitions, "everything__trigger-long-running-operation", { duration: 15, steps: 30 }, { onOutput: () => (killing ??= transport.kill()) });
    await killing;
    expect(outcome.outputs[0]).toEqual({ progress: "1 of 30" });
    expect(outcome.error).toBeInstanceOf(ToolFailure);
    expect(String(outcome.error)).toContain('The MCP server "everything" went away during the call.');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome.runs.map((run) => run.status)).toEqual(["running", "failed"]);

    await transport.bringBack(manager);
    const after = await manager.tools();
    expect(after.servers[0]?.status).toBe("available");
    const next = await callTool(after.definitions, "everything__echo", { message: "back" });
    expect(next.outputs.at(-1)).toEqual({ text: "Echo: back" });
  });

  it("answers the next call after the server restarted between two calls", async () => {
    const transport = makeTransport();
    const manager = connect(transport.config());
    const { definitions } = await manager.tools();
    expect((await callTool(definitions, "everything__echo", { message: "before" })).outputs.at(-1)).toEqual({ text: "Echo: before" });

    await transport.kill();
    await transport.bringBack(manager);
    // The tools as the request before listed them: the call goes to the new server.
    const outcome = await callTool(definitions, "everything__echo", { message: "after" });
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.at(-1)).toEqual({ text: "Echo: after" });
  });
});

describe("MCP servers that cannot be used", () => {
  let hanging: RunningServer;
  let servers: McpServers | undefined;
  beforeAll(async () => {
    // Accepts the connection and never answers.
    hanging = await listen(() => new Promise(() => undefined));
  });
  afterAll(() => hanging.close());
  afterEach(async () => {
    await servers?.close();
    servers = undefined;
  });

  it("leaves a server that is down out, says why, and does not wait for it again before its retry", async () => {
    const down = await startEverythingHttp();
    await down.kill();
    let now = 1_000_000;
    servers = new McpServers([serverConfig({ name: "down", url: down.url })], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false, now: () => now });
    const first = await servers.tools();
    expect(first.definitions).toEqual({});
    expect(first.servers).toEqual([{ name: "down", transport: "http", status: "unavailable", reason: "refused the connection (is it running?)", tools: [] }]);

    // Within the backoff no connection is tried: the request goes on at once.
    const started = Date.now();
    await servers.tools();
    expect(Date.now() - started).toBeLessThan(50);
    now += 1_000;
    expect((await servers.tools()).servers[0]?.status).toBe("unavailable");
  });

  it("closed while it connects, ends the process it started and connects no more", async () => {
    const stdio = everythingStdioCommand();
    try {
      const closing = new McpServers([serverConfig({ name: "everything", command: stdio.command, args: stdio.args })], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
      const listing = closing.tools();
      // The process is up (it wrote its id) and still starting: the set of servers is replaced now.
      await vi.waitFor(() => expect(stdio.pid()).toBeGreaterThan(0), { timeout: CONNECT_TIMEOUT_MS });
      await closing.close();
      await listing;
      const pid = stdio.pid();
      await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: CONNECT_TIMEOUT_MS });
      expect((await closing.tools()).definitions).toEqual({});
    } finally {
      stdio.cleanUp();
    }
  });

  it("gives up on a server that does not answer after the connect timeout, leaving the others working", async () => {
    servers = new McpServers([serverConfig({ name: "silent", url: `${hanging.url}/mcp` }), serverConfig({ name: "everything", url: http.url })], {
      connectTimeoutMs: 500,
      onLambda: false,
    });
    const started = Date.now();
    const { definitions, servers: statuses } = await servers.tools();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(statuses.map(({ name, status, reason }) => ({ name, status, reason }))).toEqual([
      { name: "silent", status: "unavailable", reason: "did not answer within 0.5 s" },
      { name: "everything", status: "available", reason: undefined },
    ]);
    expect(Object.keys(definitions)).toContain("everything__echo");
  });

  it("tries a silent server again after its backoff without holding the turn up", async () => {
    let now = 1_000_000;
    servers = new McpServers([serverConfig({ name: "silent", url: `${hanging.url}/mcp` })], { connectTimeoutMs: 500, onLambda: false, now: () => now });
    // The first turn waits for the first connect, at most the connect timeout.
    expect((await servers.tools()).servers[0]).toMatchObject({ status: "unavailable", reason: "did not answer within 0.5 s" });
    now += 1_000;
    // Its backoff over: tried again beside the turn, which goes on without waiting out the attempt's 0.5 s.
    const started = Date.now();
    expect((await servers.tools()).servers[0]?.status).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("names the tools of a server that went away, with the reason", async () => {
    const server = await startEverythingHttp();
    servers = new McpServers([serverConfig({ name: "flaky", url: server.url })], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    const { definitions } = await servers.tools();
    await server.kill();
    const outcome = await callTool(definitions, "flaky__echo", { message: "anyone?" });
    expect(String(outcome.error)).toMatch(/The MCP server "flaky" (went away during the call|is unavailable)/);
    const after = await servers.tools();
    expect(after.definitions).toEqual({});
    expect(after.servers[0]).toMatchObject({ status: "unavailable", tools: expect.arrayContaining([{ name: "flaky__echo", title: "Echo Tool" }]) });
  });

  it("starts no stdio server on AWS Lambda, and says so", async () => {
    servers = new McpServers([serverConfig({ name: "local", command: stdio.command, args: stdio.args })], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: true });
    const { definitions, servers: statuses } = await servers.tools();
    expect(definitions).toEqual({});
    expect(statuses).toEqual([{ name: "local", transport: "stdio", status: "unavailable", reason: STDIO_ON_LAMBDA, tools: [] }]);
  });

  it("never hands the secrets it gave a server on to the model", async () => {
    const config = serverConfig({ name: "secretive", command: stdio.command, args: stdio.args, env: { SERVICE_TOKEN: "${SERVICE_TOKEN}" } }, { SERVICE_TOKEN: "tok-5f2c9a0e1b7d" });
    servers = new McpServers([config], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    const { definitions } = await servers.tools();
    // server-everything's get-env prints its whole environment.
    const outcome = await callTool(definitions, "secretive__get-env", {});
    const output = JSON.stringify(outcome.outputs.at(-1));
    expect(output).toContain("SERVICE_TOKEN");
    expect(output).not.toContain("tok-5f2c9a0e1b7d");
    expect(output).toContain("***");
  });
});

describe("an MCP server whose tool list changes", () => {
  let changingHttp: ChangingHttpServer;
  let servers: McpServers | undefined;
  beforeAll(async () => {
    changingHttp = await startChangingHttp();
  });
  afterAll(() => changingHttp.close());
  afterEach(async () => {
    await servers?.close();
    servers = undefined;
  });

  const configs: Array<[string, () => McpServerConfig]> = [
    ["stdio", () => serverConfig({ name: "changing", ...changingStdioCommand() })],
    ["Streamable HTTP", () => serverConfig({ name: "changing", url: changingHttp.url })],
  ];

  it.each(configs)("over %s: offers the tools it added from the next listing on, without disturbing a call in flight", async (_name, config) => {
    servers = new McpServers([config()], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    const manager = servers;
    const { definitions } = await manager.tools();
    expect(Object.keys(definitions).sort()).toEqual(["changing__add-tool", "changing__break-listing", "changing__crash", "changing__hold", "changing__release"]);
    const held = callTool(definitions, "changing__hold", {});

    // The server's SDK sends notifications/tools/list_changed when the tool is added.
    expect((await callTool(definitions, "changing__add-tool", { name: "greet" })).outputs.at(-1)).toEqual({ text: "added greet" });
    // Over HTTP the notification comes on the session's own event stream, not with the call's answer: it may arrive just after it.
    await vi.waitFor(async () => expect(Object.keys((await manager.tools()).definitions)).toContain("changing__greet"), { timeout: CONNECT_TIMEOUT_MS });
    const after = await manager.tools();
    expect(after.servers[0]).toMatchObject({ status: "available", tools: expect.arrayContaining([{ name: "changing__greet" }]) });
    expect((await callTool(after.definitions, "changing__greet", {})).outputs.at(-1)).toEqual({ text: "greet answers" });

    // The call made before the change was on the same connection, and still answers.
    expect((await callTool(after.definitions, "changing__release", {})).outputs.at(-1)).toEqual({ text: "done" });
    expect((await held).outputs.at(-1)).toEqual({ text: "released" });
  });

  it.each(configs)("over %s: loses the connection when listing its changed tools fails, and connects again", async (_name, config) => {
    servers = new McpServers([config()], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    const manager = servers;
    const { definitions } = await manager.tools();
    expect((await callTool(definitions, "changing__break-listing", {})).outputs.at(-1)).toEqual({ text: "broken" });
    let lost: McpTools | undefined;
    await vi.waitFor(async () => {
      lost = await manager.tools();
      expect(lost.servers[0]?.status).toBe("unavailable");
    }, { timeout: CONNECT_TIMEOUT_MS });
    expect(lost?.definitions).toEqual({});
    expect(lost?.servers[0]).toMatchObject({ reason: expect.stringContaining("the tool list is broken"), tools: expect.arrayContaining([{ name: "changing__break-listing" }]) });

    // As after any lost connection, the next turn connects again at once: a new session, whose tools list fine.
    const again = await manager.tools();
    expect(again.servers[0]?.status).toBe("available");
    expect(Object.keys(again.definitions)).toContain("changing__break-listing");
  });

  it("never sends a call again after a server error on a live session: it may have run", async () => {
    servers = new McpServers([serverConfig({ name: "changing", url: changingHttp.url })], { connectTimeoutMs: CONNECT_TIMEOUT_MS, onLambda: false });
    const { definitions } = await servers.tools();
    const before = changingHttp.crashes();
    const outcome = await callTool(definitions, "changing__crash", {});
    expect(String(outcome.error)).toMatch(/refused the call: .*The tool crashed in the server/);
    expect(changingHttp.crashes() - before).toBe(1);
    expect((await servers.tools()).servers[0]?.status).toBe("available");
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
