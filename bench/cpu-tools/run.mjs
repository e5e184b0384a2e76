// A calculation that costs seconds of CPU, asked of the production server (`next start`, offline
// demo model): does the server keep answering everyone else meanwhile? While the demo model's
// `calculate` works on `combinations(1e7, 1e6)` (about 18 s of CPU, stopped at the tool's 2 s
// timeout), a second client asks `GET /api/health` again and again; measured: each health
// request's latency, and the chip's final status. Also: one small calculation on a fresh server
// (the first call starts the worker thread and loads mathjs in it) and then on a warm one.
//
//   node_modules/.bin/node bench/cpu-tools/run.mjs           3 heavy runs, Markdown table
//   node_modules/.bin/node bench/cpu-tools/run.mjs --quick   1 heavy run; exits 1 if a health request took ≥ 500 ms
//
// Needs a production build (`npm run build`) and Node ≥ 22.18 (runs the test support's TypeScript).
import { parseArgs } from "node:util";
import { startNextServer } from "../../test/support/next-server.ts";
import { readChatStream } from "../../test/support/read-chat-stream.ts";
import { gitCommit, requireProductionBuild } from "../lib/checkout.mjs";
import { machine, median, ms, percentile } from "../lib/stats.mjs";

const { values: args } = parseArgs({ options: { quick: { type: "boolean", default: false }, runs: { type: "string" } } });
const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 1 : 3));
const HEAVY = "combinations(1e7, 1e6)";
const TARGET_MS = 100;
const QUICK_LIMIT_MS = 500;
const command = `node_modules/.bin/node bench/cpu-tools/run.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;

const buildId = requireProductionBuild();
const commit = gitCommit();
const host = machine();
const startedAt = new Date();
const server = await startNextServer({ env: { DEMO_MODEL_TOKEN_DELAY_MS: "0", RATE_LIMIT_MESSAGES_PER_MINUTE: "0" } });

/** One chat turn asking the demo model to calculate `expression`; resolves with the calculate call's run. */
async function calculate(expression) {
  const chatId = `cpu-${crypto.randomUUID()}`;
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      message: { id: `u-${chatId}`, role: "user", parts: [{ type: "text", text: `Calculate ${expression}` }] },
      trigger: "submit-message",
    }),
  });
  if (response.status !== 200) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  const { chunks } = await readChatStream(response);
  const runs = chunks.filter(({ chunk }) => chunk.type === "data-toolRun" && chunk.data.status !== "running").map(({ chunk }) => chunk.data);
  if (runs.length !== 1) throw new Error(`expected one calculate call, saw ${runs.length}`);
  return runs[0];
}

/** `GET /api/health` one after another until `until` settles; each request's latency. */
async function probeHealth(until) {
  let settled = false;
  until.finally(() => (settled = true)).catch(() => undefined);
  const latencies = [];
  while (!settled) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/health`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/api/health answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}

let cold;
let warm;
const heavy = [];
try {
  cold = await calculate("2 + 2");
  warm = await calculate("3 + 3");
  for (let run = 0; run < runs; run += 1) {
    const call = calculate(HEAVY);
    const latencies = await probeHealth(call);
    heavy.push({ run: await call, latencies });
  }
} finally {
  await server.stop();
}

const latencies = heavy.flatMap(({ latencies }) => latencies);
const statuses = heavy.map(({ run }) => run.status);
const lines = [
  `# Health during a heavy calculation — ${startedAt.toISOString()}`,
  "",
  `- machine: ${host.cpus}, ${host.memory}, Node ${host.node} (load average at start ${host.load}); build ${buildId} (checkout ${commit})`,
  `- command: \`${command}\`; demo model, \`calculate ${HEAVY}\` (tool timeout 2 s) ${runs}×, health asked every 20 ms meanwhile (${latencies.length} requests)`,
  "",
  "| what | median | max | target |",
  "|---|---|---|---|",
  `| GET /api/health while the calculation runs | ${ms(median(latencies))} | ${ms(percentile(latencies, 100))} | < ${TARGET_MS} ms |`,
  `| the heavy call's duration (server) and status | ${ms(median(heavy.map(({ run }) => run.durationMs)), 0)} | | 2 000 ms, timeout |`,
  `| \`calculate 2 + 2\` on a fresh server (starts the worker) | ${ms(cold.durationMs, 0)} | | |`,
  `| \`calculate 3 + 3\` next (warm worker) | ${ms(warm.durationMs, 0)} | | |`,
  "",
  `Statuses of the heavy calls: ${statuses.join(", ")}`,
];
console.log(lines.join("\n"));

if (quick) {
  const problems = [];
  const slowest = percentile(latencies, 100);
  if (!(slowest < QUICK_LIMIT_MS)) problems.push(`a health request took ${ms(slowest, 0)} while a calculation ran (≥ ${QUICK_LIMIT_MS} ms)`);
  if (statuses.some((status) => status !== "timeout")) problems.push(`the heavy calculation ended ${statuses.join(", ")}, not at its timeout`);
  if (problems.length > 0) {
    console.error(`GROSS REGRESSION:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.error(`quick: OK (slowest health request ${ms(slowest, 0)} < ${QUICK_LIMIT_MS} ms, the calculation timed out)`);
}
process.exit(0);
