// All the benchmarks, one after another (they need the machine to themselves), on one production
// build. `npm run bench` is the full run whose figures go into bench/README.md; `npm run bench --
// --quick` is the guard `npm test` runs: each benchmark in a short mode that fails only on a gross
// regression (streaming broken, batching lost, tools no longer in parallel), never on a few
// milliseconds.
//
//   node_modules/.bin/node bench/run.mjs [--quick] [--no-build] [--only server,tools,cpu-tools,paused,browser,first-load,search,lambda]
//
// --no-build uses the build already in .next (as `npm test` does after its e2e build). The reports
// (Markdown) are printed and written to bench/out/<time>-<full|quick>.md.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { requireProductionBuild, root } from "./lib/checkout.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const quick = args.quick;
// The benchmarks import the app's TypeScript (lib/), which Node runs with its types stripped and
// mentions once per file; not news here.
const node = [process.execPath, "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON"];

/** Each benchmark: its command, full and quick. All fail (exit ≠ 0) on a gross regression in quick mode. */
const benchmarks = [
  { name: "server", title: "Server overhead (floor vs POST /api/chat)", command: [...node, "bench/server/run.mjs", ...(quick ? ["--quick"] : [])] },
  { name: "tools", title: "Five tools in one step", command: [...node, "bench/tools/run.mjs", ...(quick ? ["--quick"] : [])] },
  { name: "cpu-tools", title: "Health during a heavy calculation", command: [...node, "bench/cpu-tools/run.mjs", ...(quick ? ["--quick"] : [])] },
  { name: "paused", title: "Clients that stop reading", command: [...node, "bench/server/paused-readers.mjs", ...(quick ? ["--quick"] : [])] },
  { name: "browser", title: "Long answer in the browser", command: [...node, "bench/browser/long-answer.mjs", ...(quick ? ["--quick"] : [])] },
  { name: "first-load", title: "First load in the browser", command: [...node, "bench/browser/first-load.mjs", ...(quick ? ["--quick"] : [])] },
  {
    name: "search",
    title: "Search on DynamoDB",
    command: [...node, "node_modules/vitest/vitest.mjs", "run", "--project", "bench-search"],
    env: quick ? { SEARCH_BENCH_QUICK: "1" } : {},
  },
  {
    name: "lambda",
    title: "Lambda cold start",
    command: [...node, "node_modules/vitest/vitest.mjs", "run", "--project", "bench-lambda"],
    env: quick ? { LAMBDA_BENCH_QUICK: "1" } : {},
  },
];
const selected = args.only ? benchmarks.filter((benchmark) => args.only.split(",").includes(benchmark.name)) : benchmarks;

function run(command, env = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    let output = "";
    const child = spawn(command[0], command.slice(1), { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.setEncoding("utf8").on("data", (text) => {
      output += text;
      process.stdout.write(text);
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output, seconds: (performance.now() - started) / 1000 }));
  });
}

if (!args["no-build"]) {
  const build = await run(["npm", "run", "build"]);
  if (build.code !== 0) process.exit(build.code);
}
requireProductionBuild();

const results = [];
for (const benchmark of selected) {
  console.error(`\n=== ${benchmark.title} (${quick ? "quick" : "full"}) ===`);
  results.push({ ...benchmark, ...(await run(benchmark.command, benchmark.env)) });
}

const summary = results.map((result) => `- ${result.title}: ${result.code === 0 ? "ok" : `FAILED (exit ${result.code})`} in ${result.seconds.toFixed(0)} s`);
const report = [`# Benchmarks, ${quick ? "quick" : "full"} run — ${new Date().toISOString()}`, "", ...summary, "", ...results.map((result) => `## ${result.title}\n\n${result.output.trim()}\n`)].join("\n");
const outDir = join(root, "bench/out");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${quick ? "quick" : "full"}.md`);
writeFileSync(file, report);
console.error(`\n${summary.join("\n")}\nreport: ${file}`);
process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
