// Five tool calls in one step: do they run in parallel? Through the production server (`next
// start`), the model is the e2e fake OpenAI server (Chat Completions) scripted to call the real
// `getWeather` tool five times in ONE step; the tool calls the e2e fake Open-Meteo, which answers
// each request after 150 ms, and `getWeather` makes two requests in a row (geocoding, then
// forecast), so each call takes ≈ 300 ms. Measured: from the step's start (`start-step` chunk at the
// client) to the last tool result (`tool-output-available`), against the sequential reference
// (5 × 300 ms = 1 500 ms) and against the same five calls made one per step (measured).
//
//   node_modules/.bin/node bench/tools/run.mjs           10 runs + 3 sequential runs, Markdown table
//   node_modules/.bin/node bench/tools/run.mjs --quick   3 runs; exits 1 if the median is over 1 000 ms
//
// Needs a production build (`npm run build`) and Node ≥ 22.18 (runs the e2e fixtures' TypeScript).
import { parseArgs } from "node:util";
import { startNextServer } from "../../test/support/next-server.ts";
import { gitCommit, requireProductionBuild } from "../lib/checkout.mjs";
import { machine, median, ms, percentile } from "../lib/stats.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    "latency-ms": { type: "string", default: "150" },
  },
});
const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 3 : 10));
const sequentialRuns = quick ? 0 : 3;
const latencyMs = Number(args["latency-ms"]);
const CALLS = 5;
const TOOL_MS = 2 * latencyMs; // geocoding + forecast, one after the other
const TARGET_MS = 400;
const QUICK_LIMIT_MS = 1_000;
const command = `node_modules/.bin/node bench/tools/run.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;

const buildId = requireProductionBuild();
const commit = gitCommit();
const host = machine();
const startedAt = new Date();
const { startFakeOpenAIServer } = await import("../../test/fixtures/fake-openai/server.ts");
const { startFakeOpenMeteoServer } = await import("../../test/fixtures/fake-open-meteo/server.ts");
const { places } = await import("../../test/fixtures/fake-open-meteo/cities.ts");
const { readChatStream } = await import("../../test/support/read-chat-stream.ts");

const openai = await startFakeOpenAIServer();
const openMeteo = await startFakeOpenMeteoServer({ latencyMs });
const server = await startNextServer({
  env: {
    OPENAI_API_KEY: "bench",
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_API: "chat",
    OPENAI_MODEL: "bench",
    MODEL_MAX_RETRIES: "0",
    MAX_STEPS: String(CALLS + 1),
    GEOCODING_API_URL: openMeteo.url,
    WEATHER_API_URL: openMeteo.url,
  },
});

// Real cities of the fake geocoder; each call of the whole benchmark gets its own spelling (letter
// case), so the tool result cache (keyed by the input) never answers in place of the tool.
const cities = places.filter((place) => place.country_code !== "ZZ").map((place) => place.name);
let callNumber = 0;
function nextCity() {
  const name = cities[callNumber % cities.length];
  const variant = Math.floor(callNumber / cities.length) + 1;
  callNumber += 1;
  let letter = 0;
  return [...name].map((character) => (/\p{L}/u.test(character) && (variant >> letter++) % 2 === 1 ? character.toUpperCase() : character.toLowerCase())).join("");
}

/** One chat turn; the scenario makes the model call getWeather five times, in one step or one per step. */
async function measure(mode) {
  const calls = Array.from({ length: CALLS }, () => ({ name: "getWeather", arguments: { city: nextCity() } }));
  const turns =
    mode === "parallel"
      ? [{ type: "tool-calls", calls }, { type: "text", text: "Here is the weather." }]
      : [...calls.map((call) => ({ type: "tool-calls", calls: [call] })), { type: "text", text: "Here is the weather." }];
  const scenario = openai.addScenario({ turns });
  const chatId = `tools-${crypto.randomUUID()}`;
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      message: { id: `u-${chatId}`, role: "user", parts: [{ type: "text", text: `What is the weather in five cities? ${scenario.marker}` }] },
      trigger: "submit-message",
    }),
  });
  if (response.status !== 200) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  const { chunks, invalid } = await readChatStream(response);
  openai.removeScenario(scenario.key);

  const at = (type) => chunks.filter(({ chunk }) => chunk.type === type).map(({ atMs }) => atMs);
  const stepStart = at("start-step")[0];
  const outputs = at("tool-output-available");
  const inputs = at("tool-input-available");
  const errors = chunks.filter(({ chunk }) => chunk.type === "tool-output-error" || chunk.type === "error").map(({ chunk }) => chunk.errorText);
  const runs = chunks
    .filter(({ chunk }) => chunk.type === "data-toolRun" && chunk.data.status !== "running")
    .map(({ chunk }) => chunk.data);
  const serverSpan = runs.length ? Math.max(...runs.map((run) => run.startedAt + run.durationMs)) - Math.min(...runs.map((run) => run.startedAt)) : Number.NaN;
  return {
    stepToLastResult: Math.max(...outputs) - stepStart,
    firstCallToLastResult: Math.max(...outputs) - Math.min(...inputs),
    callsIssuedWithin: Math.max(...inputs) - Math.min(...inputs),
    serverSpan,
    callDurations: runs.map((run) => run.durationMs),
    statuses: runs.map((run) => run.status),
    results: outputs.length,
    errors: [...errors, ...invalid.map((entry) => `invalid chunk: ${entry.error}`), ...(outputs.length === CALLS ? [] : [`${outputs.length} of ${CALLS} results`])],
  };
}

const parallel = [];
const sequential = [];
try {
  await measure("parallel"); // warm-up: route, tools and connections
  for (let run = 0; run < runs; run += 1) parallel.push(await measure("parallel"));
  for (let run = 0; run < sequentialRuns; run += 1) sequential.push(await measure("sequential"));
} finally {
  await server.stop();
  await openai.close();
  await openMeteo.close();
}

const stat = (list, pick) => {
  const values = list.map(pick);
  return { p50: median(values), max: percentile(values, 100) };
};
const p = {
  step: stat(parallel, (run) => run.stepToLastResult),
  calls: stat(parallel, (run) => run.firstCallToLastResult),
  server: stat(parallel, (run) => run.serverSpan),
  issued: stat(parallel, (run) => run.callsIssuedWithin),
  duration: { p50: median(parallel.flatMap((run) => run.callDurations)), max: percentile(parallel.flatMap((run) => run.callDurations), 100) },
};
const s = sequential.length ? stat(sequential, (run) => run.stepToLastResult) : undefined;
const errors = [...parallel, ...sequential].flatMap((run) => run.errors);

const lines = [
  `# Five tool calls in one step — ${startedAt.toISOString()}`,
  "",
  `- machine: ${host.cpus}, ${host.memory}, Node ${host.node} (load average at start ${host.load}); build ${buildId} (checkout ${commit})`,
  `- command: \`${command}\`; the real getWeather tool, ${CALLS} calls in one step, fake Open-Meteo answering each request after ${latencyMs} ms (2 requests per call ≈ ${TOOL_MS} ms); ${runs} runs after 1 warm-up`,
  "",
  "| what | median | max | target |",
  "|---|---|---|---|",
  `| step start → last tool result (client) | ${ms(p.step.p50, 0)} | ${ms(p.step.max, 0)} | ≤ ${TARGET_MS} ms |`,
  `| first call available → last result (client) | ${ms(p.calls.p50, 0)} | ${ms(p.calls.max, 0)} | |`,
  `| first call started → last call ended (server, from the data-toolRun parts) | ${ms(p.server.p50, 0)} | ${ms(p.server.max, 0)} | |`,
  `| one call's duration (server) | ${ms(p.duration.p50, 0)} | ${ms(p.duration.max, 0)} | ≈ ${TOOL_MS} ms |`,
  `| spread of the five calls' arrival at the client (tool-input-available) | ${ms(p.issued.p50, 1)} | ${ms(p.issued.max, 1)} | |`,
  `| sequential reference: ${CALLS} × ${TOOL_MS} ms | ${CALLS * TOOL_MS} ms | | |`,
  ...(s ? [`| measured sequential: the same ${CALLS} calls one per step (first step start → last result; ${sequential.length} runs) | ${ms(s.p50, 0)} | ${ms(s.max, 0)} | |`] : []),
  "",
  `Errors: ${errors.length === 0 ? "none" : JSON.stringify(errors)}`,
];
console.log(lines.join("\n"));

if (quick) {
  const problems = [];
  if (!(p.step.p50 <= QUICK_LIMIT_MS)) problems.push(`five ${TOOL_MS} ms tools took ${ms(p.step.p50, 0)} (median) from the step's start to the last result (> ${QUICK_LIMIT_MS} ms)`);
  if (errors.length > 0) problems.push(`${errors.length} errors`);
  if (problems.length > 0) {
    console.error(`GROSS REGRESSION:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.error(`quick: OK (median ${ms(p.step.p50, 0)} ≤ ${QUICK_LIMIT_MS} ms, no errors)`);
}
process.exit(0);
