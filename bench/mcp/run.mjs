// What the tools of MCP servers cost a chat turn. Through the production server (`next start`), the
// model is the e2e fake OpenAI server (Chat Completions) scripted to call `get-sum` of the MCP
// project's reference server (`@modelcontextprotocol/server-everything`, a real process), each call
// with new numbers so no cache answers. Three questions:
//   1. one call: its duration as Parley reports it (data-toolRun) and at the client (tool input →
//      tool output), against the same call made with the official MCP SDK client on a warm
//      connection; over Streamable HTTP and over stdio;
//   2. the connection: the first turn of a fresh server (connect + initialize + tools/list) against
//      later turns, and the first byte of a plain turn with MCP servers configured against without;
//   3. a server that is down (refusing connections, or accepting TCP and never answering): the first
//      byte of the turn that tries to connect, of a turn started while it tries, and of the turns in
//      the backoff window after it.
//
//   node_modules/.bin/node bench/mcp/run.mjs           the full run, Markdown report
//   node_modules/.bin/node bench/mcp/run.mjs --quick   a few turns of each, to see that it runs
//
// Needs a production build (`npm run build`) and Node ≥ 22.18 (runs the test support's TypeScript).
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startNextServer } from "../../test/support/next-server.ts";
import { everythingStdioCommand, startEverythingHttp } from "../../test/support/everything-server.ts";
import { benchmarkRun } from "../lib/checkout.mjs";
import { median, ms, percentile } from "../lib/stats.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    "cold-rounds": { type: "string" },
    "connect-timeout-ms": { type: "string", default: "500" },
  },
});
const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 5 : 30));
const coldRounds = Number(args["cold-rounds"] ?? (quick ? 1 : 5));
const connectTimeoutMs = Number(args["connect-timeout-ms"]);
// Backoff windows to go through with a server that is down (the first retry comes after 1 s, then 2 s, …).
const downCycles = quick ? 2 : 4;
const { command, startedAt, machineLine } = benchmarkRun("bench/mcp/run.mjs");
const { startFakeOpenAIServer } = await import("../../test/fixtures/fake-openai/server.ts");
const { readChatStream } = await import("../../test/support/read-chat-stream.ts");

const openai = await startFakeOpenAIServer();
const everything = await startEverythingHttp();
const stdioCommand = everythingStdioCommand();
const modelEnv = { OPENAI_API_KEY: "bench", OPENAI_BASE_URL: openai.baseURL, OPENAI_API: "chat", OPENAI_MODEL: "bench", MODEL_MAX_RETRIES: "0" };
const httpEntry = { name: "everything", url: everything.url };
const stdioEntry = { name: "stdio", command: stdioCommand.command, args: stdioCommand.args };
const cleanUps = [];

const startParley = async (mcpServers, extraEnv = {}) => {
  const server = await startNextServer({ env: { ...modelEnv, ...(mcpServers && { MCP_SERVERS: JSON.stringify(mcpServers) }), ...extraEnv } });
  cleanUps.push(() => server.stop());
  return server;
};

let sumNumber = 0;
/** New numbers for each call of the whole run, so neither Parley's cache nor anything else can answer. */
const nextSum = () => {
  sumNumber += 1;
  return { a: sumNumber, b: 1_000_000 + Math.floor(Math.random() * 1_000_000) };
};
const sumCall = (server) => ({ name: `${server}__get-sum`, arguments: nextSum() });
const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));

/**
 * One chat turn: a plain answer, or one tool call then an answer. Times are from the request's start:
 * the first byte of the response, the call's arrival (tool-input-available) and its result.
 */
async function chatTurn(server, call) {
  const turns = call ? [{ type: "tool-calls", calls: [call] }, { type: "text", text: "Done." }] : [{ type: "text", text: "Fine." }];
  const scenario = openai.addScenario({ turns });
  const chatId = `mcp-${crypto.randomUUID()}`;
  const startedAtMs = performance.now();
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      message: { id: `u-${chatId}`, role: "user", parts: [{ type: "text", text: `Add two numbers. ${scenario.marker}` }] },
      trigger: "submit-message",
    }),
  });
  if (response.status !== 200) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  let firstByte = Number.NaN;
  const marked = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        if (Number.isNaN(firstByte)) firstByte = performance.now() - startedAtMs;
        controller.enqueue(chunk);
      },
    }),
  );
  const { chunks, invalid } = await readChatStream(new Response(marked), () => performance.now() - startedAtMs);
  openai.removeScenario(scenario.key);

  const at = (type) => chunks.find(({ chunk }) => chunk.type === type)?.atMs ?? Number.NaN;
  const run = chunks.findLast(({ chunk }) => chunk.type === "data-toolRun" && chunk.data.status !== "running")?.chunk.data;
  const errors = [
    ...chunks.filter(({ chunk }) => chunk.type === "tool-output-error" || chunk.type === "error").map(({ chunk }) => chunk.errorText),
    ...invalid.map((entry) => `invalid chunk: ${entry.error}`),
    ...(call && run?.status !== "done" ? [`${call.name}: ${run?.status ?? "no data-toolRun"}`] : []),
    ...(call && run?.cached ? [`${call.name}: answered from the cache`] : []),
  ];
  const input = at("tool-input-available");
  const output = at("tool-output-available");
  return { startedAtMs, firstByte, toResult: output, inputToOutput: output - input, reported: run?.durationMs ?? Number.NaN, errors };
}

/** The floor: `get-sum` through the official MCP SDK client, on a connection made and warmed first. */
async function sdkCalls(transport) {
  const client = new Client({ name: "parley-bench", version: "1.0.0" });
  await client.connect(transport);
  try {
    for (let index = 0; index < 3; index += 1) await client.callTool({ name: "get-sum", arguments: nextSum() });
    const durations = [];
    for (let index = 0; index < runs; index += 1) {
      const started = performance.now();
      await client.callTool({ name: "get-sum", arguments: nextSum() });
      durations.push(performance.now() - started);
    }
    return durations;
  } finally {
    await client.close();
  }
}

/** The floor of a cold turn: connect, initialize and list the tools with the official MCP SDK client. */
async function sdkConnects(makeTransport) {
  const durations = [];
  for (let index = 0; index < Math.max(coldRounds, 3); index += 1) {
    const client = new Client({ name: "parley-bench", version: "1.0.0" });
    const started = performance.now();
    await client.connect(makeTransport());
    await client.listTools();
    durations.push(performance.now() - started);
    await client.close();
  }
  return durations;
}

const httpTransport = () => new StreamableHTTPClientTransport(new URL(everything.url));
const stdioTransport = () => new StdioClientTransport({ command: stdioCommand.command, args: stdioCommand.args, stderr: "ignore" });

/** A server listening on a port that answers nothing: it accepts TCP connections and never replies. */
async function startSilentServer() {
  const sockets = new Set();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    // Reads (and drops) what it is sent: a socket nobody reads never sees its client close it.
    socket.on("error", () => undefined).on("close", () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/mcp`,
    accepted: () => accepted,
    open: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on: connections to it are refused. */
async function refusingUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/mcp`;
}

/** Parley's "MCP server unavailable" log lines about `name` (one per failed connect), with when the next try is due. */
function failedConnects(server, name) {
  return server
    .errorOutput()
    .split("\n")
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry.message === "MCP server unavailable" && entry.server === name ? [{ reason: entry.reason, retryAt: Date.parse(entry.timestamp) + entry.retryInMs }] : [];
      } catch {
        return [];
      }
    });
}

/** The `count`-th failed connect of "down", once its log line has been read. */
async function failedConnect(server, count) {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const failure = failedConnects(server, "down")[count - 1];
    if (failure) return failure;
    await sleep(20);
  }
  throw new Error(`no failed connect number ${count} of "down" logged; stderr:\n${server.errorOutput().slice(-2000)}`);
}

/**
 * Plain turns on a server configured with `everything` (up) and `down`: the first turn (the server
 * is fresh), then for each backoff window the turns inside it, the turn that tries to connect once
 * it has passed, and a turn started 100 ms into that try.
 */
async function downServerTurns(downUrl, openConnections = () => Number.NaN) {
  const server = await startParley([httpEntry, { name: "down", url: downUrl }], { MCP_CONNECT_TIMEOUT_MS: String(connectTimeoutMs) });
  const result = { first: undefined, attempt: [], during: [], backoff: [], connects: 0, reasons: new Set(), errors: [] };
  result.first = await chatTurn(server);
  for (let cycle = 0; cycle < downCycles; cycle += 1) {
    // The last try's log line (its stderr is read by this process as it comes).
    const last = await failedConnect(server, cycle + 1);
    // Inside the backoff window: turns one after another until just before the next try is due.
    while (Date.now() < last.retryAt - 150) {
      result.backoff.push(await chatTurn(server));
      await sleep(50);
    }
    await sleep(last.retryAt + 20 - Date.now());
    const attempt = chatTurn(server);
    await sleep(100);
    const during = chatTurn(server);
    result.attempt.push(await attempt);
    result.during.push(await during);
  }
  // The last try goes on beside the turns: its end is logged once its connect timeout has passed.
  await failedConnect(server, downCycles + 1).catch(() => undefined);
  const failures = failedConnects(server, "down");
  result.connects = failures.length;
  for (const failure of failures) result.reasons.add(failure.reason);
  // One failed connect per try: the first turn's and one per cycle; more would mean turns in the window tried too.
  if (failures.length !== downCycles + 1) result.errors.push(`${failures.length} failed connects logged, expected ${downCycles + 1}`);
  // Connections Parley still holds to the down server after its tries, read before it stops.
  await sleep(200);
  result.openConnections = openConnections();
  await server.stop();
  cleanUps.pop();
  return result;
}

const report = {};
try {
  // 1 and 2 (warm): one server with both MCP servers, one without any; turns alternate between them.
  const withMcp = await startParley([httpEntry, stdioEntry]);
  const withoutMcp = await startParley(undefined);
  for (let index = 0; index < 3; index += 1) {
    await chatTurn(withMcp, sumCall("everything"));
    await chatTurn(withMcp, sumCall("stdio"));
    await chatTurn(withoutMcp);
  }
  report.httpCalls = [];
  report.stdioCalls = [];
  report.plainWith = [];
  report.plainWithout = [];
  for (let index = 0; index < runs; index += 1) {
    report.httpCalls.push(await chatTurn(withMcp, sumCall("everything")));
    report.stdioCalls.push(await chatTurn(withMcp, sumCall("stdio")));
    report.plainWith.push(await chatTurn(withMcp));
    report.plainWithout.push(await chatTurn(withoutMcp));
  }
  await withMcp.stop();
  await withoutMcp.stop();
  cleanUps.length = 0;

  report.sdkHttp = await sdkCalls(httpTransport());
  report.sdkStdio = await sdkCalls(stdioTransport());
  report.sdkHttpConnect = await sdkConnects(httpTransport);
  report.sdkStdioConnect = await sdkConnects(stdioTransport);

  // 2 (cold): fresh servers; the first turn connects (MCP) and loads the chat route (all three).
  report.cold = { none: [], http: [], stdio: [] };
  report.afterCold = { http: [], stdio: [] };
  for (let round = 0; round < coldRounds; round += 1) {
    for (const [kind, entries] of [
      ["none", undefined],
      ["http", [httpEntry]],
      ["stdio", [stdioEntry]],
    ]) {
      const server = await startParley(entries);
      const serverName = kind === "http" ? "everything" : "stdio";
      report.cold[kind].push(await chatTurn(server, kind === "none" ? undefined : sumCall(serverName)));
      if (kind !== "none") for (let index = 0; index < 3; index += 1) report.afterCold[kind].push(await chatTurn(server, sumCall(serverName)));
      await server.stop();
      cleanUps.pop();
    }
  }

  // 3: a configured server that is down.
  report.refused = await downServerTurns(await refusingUrl());
  const silent = await startSilentServer();
  try {
    report.silent = await downServerTurns(silent.url, silent.open);
    report.silent.accepted = silent.accepted();
  } finally {
    await silent.close();
  }
} finally {
  for (const cleanUp of cleanUps.reverse()) await cleanUp().catch(() => undefined);
  await everything.kill();
  stdioCommand.cleanUp();
  await openai.close();
}

const p50 = (values) => ms(median(values), 1);
const max = (values) => ms(percentile(values, 100), 1);
const pick = (turns, field) => turns.map((turn) => turn[field]);
const row = (what, values, note = "") => `| ${what} | ${p50(values)} | ${max(values)} | ${values.length} | ${note} |`;
const turnErrors = (turns) => turns.flatMap((turn) => turn.errors);
const allTurns = [
  ...report.httpCalls,
  ...report.stdioCalls,
  ...report.plainWith,
  ...report.plainWithout,
  ...Object.values(report.cold).flat(),
  ...Object.values(report.afterCold).flat(),
  ...[report.refused, report.silent].flatMap((down) => [down.first, ...down.attempt, ...down.during, ...down.backoff]),
];
const errors = [...turnErrors(allTurns), ...report.refused.errors, ...report.silent.errors];

const downRows = (label, down) => [
  row(`${label}: first turn of the fresh server (connects everything, tries down)`, [down.first.firstByte]),
  row(`${label}: the turn that tries again once the backoff has passed`, pick(down.attempt, "firstByte")),
  row(`${label}: a turn started 100 ms into that try`, pick(down.during, "firstByte")),
  row(`${label}: turns inside the backoff windows`, pick(down.backoff, "firstByte")),
];

const lines = [
  `# The tools of MCP servers — ${startedAt.toISOString()}`,
  "",
  `- machine: ${machineLine}`,
  `- command: \`${command}\`; server-everything over Streamable HTTP (its own process) and over stdio (started by Parley / by the SDK client); the fake model calls \`get-sum\` with new numbers each time; ${runs} turns of each kind after 3 warm-ups, ${coldRounds} fresh servers of each kind`,
  "",
  "## 1. One call",
  "",
  "| what | median | max | n | |",
  "|---|---|---|---|---|",
  row("HTTP: the call's duration as Parley reports it (data-toolRun durationMs)", pick(report.httpCalls, "reported")),
  row("HTTP: tool-input-available → tool-output-available (client)", pick(report.httpCalls, "inputToOutput")),
  row("HTTP floor: `callTool` with the MCP SDK client, warm connection", report.sdkHttp),
  row("stdio: data-toolRun durationMs", pick(report.stdioCalls, "reported")),
  row("stdio: tool-input-available → tool-output-available (client)", pick(report.stdioCalls, "inputToOutput")),
  row("stdio floor: `callTool` with the MCP SDK client, warm connection", report.sdkStdio),
  "",
  "## 2. The connection: first turn of a fresh server against later turns",
  "",
  "| what | median | max | n | |",
  "|---|---|---|---|---|",
  row("first byte, first turn, no MCP server", pick(report.cold.none, "firstByte"), "loads the chat route"),
  row("first byte, first turn, HTTP server configured", pick(report.cold.http, "firstByte"), "+ connect, initialize, tools/list"),
  row("first byte, first turn, stdio server configured", pick(report.cold.stdio, "firstByte"), "+ start the process, initialize, tools/list"),
  row("HTTP floor: connect + initialize + tools/list with the MCP SDK client", report.sdkHttpConnect),
  row("stdio floor: start + initialize + tools/list with the MCP SDK client", report.sdkStdioConnect),
  row("request → tool result, first turn, HTTP", pick(report.cold.http, "toResult")),
  row("request → tool result, the 3 turns after it, HTTP", pick(report.afterCold.http, "toResult")),
  row("request → tool result, first turn, stdio", pick(report.cold.stdio, "toResult")),
  row("request → tool result, the 3 turns after it, stdio", pick(report.afterCold.stdio, "toResult")),
  row("first byte, warm plain turn, MCP servers configured (HTTP + stdio)", pick(report.plainWith, "firstByte")),
  row("first byte, warm plain turn, no MCP_SERVERS", pick(report.plainWithout, "firstByte")),
  row("first byte, warm tool turn, HTTP (request → tool result in the next row)", pick(report.httpCalls, "firstByte")),
  row("request → tool result, warm, HTTP", pick(report.httpCalls, "toResult")),
  "",
  `## 3. A configured server that is down (MCP_CONNECT_TIMEOUT_MS=${connectTimeoutMs}; everything up beside it)`,
  "",
  "| what: first byte of a plain turn | median | max | n | |",
  "|---|---|---|---|---|",
  ...downRows("refusing connections", report.refused),
  ...downRows("accepting TCP, never answering", report.silent),
  "",
  `Failed connects logged: refusing ${report.refused.connects} (${[...report.refused.reasons].join("; ")}), silent ${report.silent.connects} (${[...report.silent.reasons].join("; ")}); TCP connections the silent server accepted: ${report.silent.accepted}, still open just before its Parley server stopped: ${report.silent.openConnections}.`,
  "",
  `Errors: ${errors.length === 0 ? "none" : JSON.stringify(errors)}`,
];
console.log(lines.join("\n"));
process.exit(errors.length === 0 ? 0 : 1);
