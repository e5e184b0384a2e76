// Summarises a V8 .cpuprofile (from `node --cpu-prof`) of the production server: self time by
// category (Node's web streams, async_hooks, zlib, GC, the AI SDK, Next.js, the app's own code…),
// the hottest functions, and, for time spent inside Node's stream/promise machinery, which
// library frame drove it. Frames in Next's bundles are mapped back to their sources through the
// build's source maps (.next/server/chunks/*.js.map), so bundled code is named by its package.
//
//   node_modules/.bin/node bench/server/profile-summary.mjs <file.cpuprofile> [--from-us N --to-us N]
//
// The window (microseconds of the monotonic clock, as `process.hrtime.bigint() / 1000n` reads it in
// any process of the machine) restricts the summary to samples taken in it, e.g. one load phase.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const sourceMaps = new Map();
function sourceMapOf(url) {
  if (sourceMaps.has(url)) return sourceMaps.get(url);
  let map;
  try {
    const path = url.startsWith("file://") ? fileURLToPath(url) : url;
    if (path.includes("/.next/") && existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
  } catch {
    map = undefined;
  }
  sourceMaps.set(url, map);
  return map;
}

/** Where a frame's code comes from: a source path (mapped when bundled) and a line. */
function locate(callFrame) {
  const { url, lineNumber, columnNumber } = callFrame;
  if (!url) return { source: "", line: 0 };
  const map = sourceMapOf(url);
  if (map && lineNumber >= 0) {
    const entry = map.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) return { source: decodeURIComponent(entry.originalSource).replace(/^(\.\.\/)+/, "").replace(/^file:\/\/.*?\/work\/main\//, ""), line: entry.originalLine + 1, name: entry.name };
  }
  return { source: url.replace(/^file:\/\/.*?\/node_modules\//, "node_modules/").replace(/^file:\/\/[^ ]*?\/\.next\//, ".next/"), line: lineNumber + 1 };
}

const ASYNC_HOOK_FUNCTIONS = new Set(["promiseInitHook", "promiseInitHookWithDestroyTracking", "promiseBeforeHook", "promiseAfterHook", "promiseResolveHook", "emitInitScript", "emitBeforeScript", "emitAfterScript", "emitPromiseResolveNative", "_propagate"]);

export function categoryOf(callFrame, source) {
  const { functionName, url } = callFrame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "(idle)";
  if (functionName === "(program)") return "(program): V8/native outside JS";
  if (functionName === "(root)") return "(root)";
  if (functionName === "runMicrotasks") return "runMicrotasks";
  if (ASYNC_HOOK_FUNCTIONS.has(functionName) || /^node:internal\/(async_hooks|async_local_storage|async_context_frame)/.test(url)) return "async_hooks / AsyncLocalStorage";
  if (url.startsWith("node:internal/webstreams")) return "Node web streams (node:internal/webstreams)";
  if (url === "node:zlib" || url.startsWith("node:internal/zlib")) return "zlib";
  if (url.startsWith("node:internal/deps/undici")) return "undici (fetch to the model)";
  if (/^node:(_http|http|net|internal\/http|internal\/streams|stream|internal\/stream_base_commons|internal\/net)/.test(url)) return "Node http / net / streams";
  if (url.startsWith("node:internal/timers") || url === "node:timers") return "Node timers";
  if (url.startsWith("node:internal/encoding") || url.startsWith("node:internal/util/types")) return "Node encoding (TextEncoder/Decoder)";
  if (url.startsWith("node:")) return "other Node internals";
  if (!url) return `native: ${functionName || "(anonymous)"}`;
  if (/node_modules\/(ai|@ai-sdk\/[^/]+|eventsource-parser)\//.test(source)) return "AI SDK (ai, @ai-sdk/*, eventsource-parser)";
  if (/node_modules\/zod\//.test(source)) return "zod";
  if (/better-sqlite3/.test(source) || /better-sqlite3/.test(url)) return "SQLite (better-sqlite3)";
  if (/@aws-lambda-powertools/.test(source)) return "Powertools logger/metrics";
  if (/node_modules\/next\//.test(source) || /node_modules\/next\//.test(url) || /\[turbopack\]_runtime/.test(url)) return "Next.js";
  if (/^(lib|app|tools|instrumentation)/.test(source)) return "app code (lib/, app/, tools/)";
  if (/node_modules\//.test(source)) return `other package: ${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1]}`;
  return "other JS";
}

const INTERNAL = /^(Node |async_hooks|runMicrotasks|GC|\(program|native|other Node|zlib|undici)/;

/** Self time per category, per function, and the library frame that drove Node's internal machinery. */
export function summarizeProfile(file, { fromUs = -Infinity, toUs = Infinity } = {}) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const info = new Map();
  const infoOf = (id) => {
    let value = info.get(id);
    if (!value) {
      const { callFrame } = nodes.get(id);
      const where = locate(callFrame);
      value = { callFrame, where, category: categoryOf(callFrame, where.source) };
      info.set(id, value);
    }
    return value;
  };
  /** The nearest caller frame that is library or app code (not Node internals), by name and source. */
  const ownerOf = (id) => {
    for (let current = parent.get(id); current !== undefined; current = parent.get(current)) {
      const value = infoOf(current);
      if (!INTERNAL.test(value.category) && value.category !== "(root)") return `${value.callFrame.functionName || "(anonymous)"} — ${value.where.source}:${value.where.line} [${value.category}]`;
    }
    return "(no library frame on the stack: scheduled from the microtask queue)";
  };

  const byCategory = new Map();
  const byFunction = new Map();
  const byOwner = new Map();
  let total = 0;
  let idle = 0;
  let timestamp = profile.startTime;
  const samples = profile.samples;
  const deltas = profile.timeDeltas;
  for (let index = 0; index < samples.length; index += 1) {
    timestamp += deltas[index];
    const next = index + 1 < samples.length ? deltas[index + 1] : 0;
    if (timestamp < fromUs || timestamp > toUs) continue;
    const value = infoOf(samples[index]);
    if (value.category === "(idle)") {
      idle += next;
      continue;
    }
    total += next;
    byCategory.set(value.category, (byCategory.get(value.category) ?? 0) + next);
    const name = `${value.callFrame.functionName || "(anonymous)"} — ${value.where.source || value.callFrame.url || "(native)"}${value.where.line ? `:${value.where.line}` : ""}`;
    const entry = byFunction.get(name) ?? { us: 0, category: value.category };
    entry.us += next;
    byFunction.set(name, entry);
    if (/^(Node web streams|async_hooks|runMicrotasks)/.test(value.category)) {
      const owner = ownerOf(samples[index]);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + next);
    }
  }
  const sorted = (map, pick = (value) => value) => [...map.entries()].sort((a, b) => pick(b[1]) - pick(a[1]));
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    windowMs: Math.min(toUs, profile.endTime) / 1000 - Math.max(fromUs, profile.startTime) / 1000,
    categories: sorted(byCategory).map(([category, us]) => ({ category, ms: us / 1000, share: us / total })),
    functions: sorted(byFunction, (value) => value.us).slice(0, 30).map(([name, value]) => ({ name, category: value.category, ms: value.us / 1000, share: value.us / total })),
    owners: sorted(byOwner).slice(0, 20).map(([owner, us]) => ({ owner, ms: us / 1000, share: us / total })),
  };
}

export function formatProfileSummary(summary) {
  const pct = (share) => `${(share * 100).toFixed(1)} %`;
  const lines = [
    `Busy ${summary.totalMs.toFixed(0)} ms of CPU in a ${summary.windowMs.toFixed(0)} ms window (idle ${summary.idleMs.toFixed(0)} ms). Self time by category:`,
    "",
    "| share | self time | category |",
    "|---|---|---|",
    ...summary.categories.filter((row) => row.share >= 0.002).map((row) => `| ${pct(row.share)} | ${row.ms.toFixed(0)} ms | ${row.category} |`),
    "",
    "Hottest functions (self time):",
    "",
    "| share | function — source | category |",
    "|---|---|---|",
    ...summary.functions.map((row) => `| ${pct(row.share)} | ${row.name.replace(/\|/g, "\\|")} | ${row.category} |`),
    "",
    "Time inside Node's web streams / async_hooks / microtask machinery, by the nearest library or app frame on the stack:",
    "",
    "| share | driven by |",
    "|---|---|",
    ...summary.owners.map((row) => `| ${pct(row.share)} | ${row.owner.replace(/\|/g, "\\|")} |`),
  ];
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "from-us": { type: "string" }, "to-us": { type: "string" } } });
  const summary = summarizeProfile(positionals[0], {
    fromUs: values["from-us"] ? Number(values["from-us"]) : -Infinity,
    toUs: values["to-us"] ? Number(values["to-us"]) : Infinity,
  });
  console.log(formatProfileSummary(summary));
}
