// Server overhead of POST /api/chat under load, against reading the model's stream directly, in one
// run. Three processes share the machine: the paced fake model (fake-model.mjs), the production
// server (`next start`, streaming from the fake) and the load client (load-client.mjs). A fourth,
// idle while the others are measured, serves the stack's own floor (stack-floor/): the same load
// against the model's stream passed through a bare Next app ("next") and against the AI SDK's
// documented chat route in it ("stack") shows what Next, the AI SDK and Parley each add. A fifth,
// also idle while the others are measured, is Parley as `npm start` runs it, one server process
// per core ("cores"): the same load against it shows what every core adds over one process.
//
//   node_modules/.bin/node bench/server/run.mjs            full: 500 tokens, c1 × 5 rounds, c50, c200, c200 spread
//   node_modules/.bin/node bench/server/run.mjs --quick    < 30 s: 100 tokens, c1 × 3 rounds, c20;
//                                                          exits 1 on a gross regression
//   node_modules/.bin/node bench/server/run.mjs --profile  c200 with the server under --cpu-prof,
//                                                          then the profile's self time by category
// Options: --tokens N, --first-token-ms T, --interval-ms I, --levels 1,50,200, --rounds N (at c1),
//          --parser json|sdk, --accept-encoding "gzip, deflate, br" ("" for none), --json <file>,
//          --server-node-flags "<flags for the server's node>" (e.g. "--require ./trace.cjs"; the = form: --server-node-flags=…),
//          --spread (also the highest level with its starts spread over one stream's duration;
//          on by default in the full run), --stack / --no-stack (also the stack's own floor at every
//          level: the model's stream passed through a bare Next app, and the AI SDK's documented
//          route in it, bench/server/stack-floor; on by default, except under --profile),
//          --cores / --no-cores (also Parley on every core, as `npm start` runs it, at every level
//          but 1; on by default in the full run)
//
// Needs a production build (`npm run build`). See bench/README.md for what each figure means.
import { fork, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startNextServer } from "../../test/support/next-server.ts";
import { buildApp, gitCommit, requireProductionBuild, root } from "../lib/checkout.mjs";
import { machineBusyMs, sampleRss, treeCpuMs, treeRssBytes } from "../lib/proc.mjs";
import { machine, median, mib, kib, ms, percentile, signedMs } from "../lib/stats.mjs";
import { summarizeProfile, formatProfileSummary } from "./profile-summary.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    tokens: { type: "string" },
    "first-token-ms": { type: "string", default: "300" },
    "interval-ms": { type: "string", default: "10" },
    levels: { type: "string" },
    rounds: { type: "string" },
    parser: { type: "string", default: "json" },
    "accept-encoding": { type: "string", default: "gzip, deflate, br, zstd" },
    json: { type: "string" },
    "fixed-cost": { type: "boolean" },
    "server-node-flags": { type: "string", default: "" },
    spread: { type: "boolean" },
    stack: { type: "boolean" },
    "no-stack": { type: "boolean" },
    cores: { type: "boolean" },
    "no-cores": { type: "boolean" },
  },
});

const quick = args.quick;
const profile = args.profile;
const tokens = Number(args.tokens ?? (quick ? 100 : 500));
const levels = (args.levels ?? (quick ? "1,20" : profile ? "200" : "1,50,200")).split(",").map(Number);
// The full run also measures the highest level with its starts spread over one stream's duration:
// the arrivals of that many users in a steady state, instead of all in the same millisecond.
const spread = args.spread ?? (args.levels === undefined && !quick && !profile);
// The stack's own floor, measured side by side: how much of the added time is Next's and the AI
// SDK's before Parley's route does anything.
const stack = args["no-stack"] ? false : (args.stack ?? !profile);
// Parley on every core (`npm start`'s cluster), measured side by side with the one process.
const cores = args["no-cores"] ? false : (args.cores ?? (!quick && !profile));
const roundsAtOne = Number(args.rounds ?? (quick ? 3 : 5));
const firstTokenMs = Number(args["first-token-ms"]);
const intervalMs = Number(args["interval-ms"]);
const acceptEncoding = args["accept-encoding"];
const parser = args.parser;
const serverNodeFlags = args["server-node-flags"].split(" ").filter(Boolean);
const command = `node_modules/.bin/node bench/server/run.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;

const buildId = requireProductionBuild();
const commit = gitCommit();
const startedAt = new Date();
const host = machine();
const workDir = mkdtempSync(join(tmpdir(), "parley-bench-server-"));
const log = (...parts) => console.error(...parts);

// --- processes -------------------------------------------------------------------------------
async function startFake() {
  // The fake runs the fake OpenAI's chunk builders: TypeScript, which Node mentions once per file.
  const flags = ["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON"];
  const child = spawn(
    process.execPath,
    [...flags, join(root, "bench/server/fake-model.mjs"), "--first-token-ms", String(firstTokenMs), "--interval-ms", String(intervalMs), "--tokens", String(tokens)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  const { port } = JSON.parse(line);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

function startClient() {
  const child = fork(join(root, "bench/server/load-client.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let next = 0;
  const waiting = new Map();
  child.on("message", (message) => {
    // IPC sends JSON: NaN (never happened) arrives as null.
    for (const stream of message.streams ?? []) {
      for (const field of ["connectAt", "responseAt", "firstByteAt", "firstTokenAt", "endAt"]) stream[field] ??= Number.NaN;
    }
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  return {
    pid: child.pid,
    run(job) {
      const id = (next += 1);
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ type: "run", id, parser, acceptEncoding, timeoutMs: 300_000, ...job });
      });
    },
    stop: () => child.kill("SIGTERM"),
  };
}

const fake = await startFake();
const client = startClient();
const profileDir = profile ? mkdtempSync(join(workDir, "profile-")) : undefined;
const modelEnv = {
  OPENAI_API_KEY: "bench",
  OPENAI_BASE_URL: `${fake.url}/v1`,
  OPENAI_API: "chat",
  OPENAI_MODEL: "bench",
  MODEL_MAX_RETRIES: "0",
};
const server = await startNextServer({
  nodeFlags: [...serverNodeFlags, ...(profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])],
  env: modelEnv,
});
log(`server ${server.url} (pid ${server.pid}, data ${server.dataDir}); fake model ${fake.url} (pid ${fake.pid}); client pid ${client.pid}`);
const stackAppDir = "bench/server/stack-floor";
let stackServer;
let coresServer;
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  await server.stop();
  await stackServer?.stop();
  await coresServer?.stop();
  fake.stop();
  client.stop();
}
process.on("SIGINT", () => cleanUp().then(() => process.exit(130)));
if (stack) {
  try {
    log(`the stack's floor: next build ${stackAppDir}…`);
    buildApp(stackAppDir);
    stackServer = await startNextServer({ appDir: stackAppDir, nodeFlags: serverNodeFlags, env: modelEnv });
    log(`stack floor server ${stackServer.url} (pid ${stackServer.pid})`);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
if (cores) {
  try {
    coresServer = await startNextServer({ npmStart: {}, env: modelEnv });
    log(`every core: npm start ${coresServer.url} (primary pid ${coresServer.pid}, one server process per core)`);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
/** The server a phase measures: Parley ("app"), on every core ("cores"), the stack's floor ("next", "stack"); the fake for "floor". */
const serverOf = (target) => (target === "stack" || target === "next" ? stackServer : target === "cores" ? coresServer : server);

// --- one phase: N streams started together: floor, stack or app ------------------------------
const settle = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function phase(target, concurrency, phaseTokens = tokens, firstTokenOverride = undefined, rampMs = 0) {
  const keyPrefix = `${target}-c${concurrency}-${randomBytes(4).toString("hex")}-`;
  // The floor's phases are measured against Parley's idle server: its CPU and RSS stay flat.
  const measured = serverOf(target);
  const cpuBefore = { server: treeCpuMs(measured.pid), fake: treeCpuMs(fake.pid), client: treeCpuMs(client.pid), machine: machineBusyMs() };
  const idleRss = treeRssBytes(measured.pid);
  const sampler = sampleRss(measured.pid, 100);
  const window = { from: process.hrtime.bigint() };
  const result = await client.run({ target, url: target === "floor" ? fake.url : measured.url, concurrency, rampMs, tokens: phaseTokens, firstTokenMs: firstTokenOverride, keyPrefix });
  window.to = process.hrtime.bigint();
  await settle(300); // the server stores the answer before [DONE]; let the last writes and timers finish
  const rssSamples = sampler.stop();
  const cpuAfter = { server: treeCpuMs(measured.pid), fake: treeCpuMs(fake.pid), client: treeCpuMs(client.pid), machine: machineBusyMs() };
  const ours = ["server", "fake", "client"].reduce((sum, name) => sum + cpuAfter[name] - cpuBefore[name], 0);
  const emissions = await (await fetch(`${fake.url}/__emissions?prefix=${keyPrefix}`)).json();
  return {
    target,
    concurrency,
    tokens: phaseTokens,
    streams: result.streams,
    emissions,
    cpuMs: {
      server: cpuAfter.server - cpuBefore.server,
      fake: cpuAfter.fake - cpuBefore.fake,
      client: result.cpuMs.user + result.cpuMs.system,
      // Everything else on the machine meanwhile (other jobs, the kernel): should stay near 0.
      others: Math.max(0, cpuAfter.machine - cpuBefore.machine - ours),
    },
    wallMs: Number(window.to - window.from) / 1e6 + 300,
    idleRss,
    rssSamples,
    window,
  };
}

// --- figures of one or more phases of the same kind ------------------------------------------------
// A stream's tokens in three parts: the first 10 (while the other requests of the level start),
// the middle (the steady stream) and the last 10 (while the others end and save their answers).
const tokenParts = ["first", "middle", "last"];

function figures(phases) {
  const streams = phases.flatMap((phase) => phase.streams);
  const emissionOf = Object.assign({}, ...phases.map((phase) => phase.emissions));
  const delays = [];
  const delaysByPart = { first: [], middle: [], last: [] };
  const firstTokenDelays = [];
  const modelRequestAt = []; // when the model's request reached the fake, from the client's start
  const lastTokenAt = [];
  let delivered = 0;
  for (const stream of streams) {
    const emitted = emissionOf[stream.key]?.emissions ?? [];
    if (emissionOf[stream.key]) modelRequestAt.push(emissionOf[stream.key].requestAt - stream.startAt);
    stream.arrivals.forEach((at, index) => {
      if (at === null) return;
      delivered += 1;
      const delay = at - emitted[index];
      delays.push(delay);
      delaysByPart[index < 10 ? "first" : index >= stream.arrivals.length - 10 ? "last" : "middle"].push(delay);
      if (index === 0) firstTokenDelays.push(delay);
    });
    const last = stream.arrivals.at(-1);
    if (last !== null && last !== undefined) lastTokenAt.push(last - stream.startAt);
  }
  const failed = streams.filter((stream) => stream.errors.length > 0);
  const errorKinds = {};
  for (const stream of failed) for (const error of stream.errors) errorKinds[error.replace(/\d+/g, "N")] = (errorKinds[error.replace(/\d+/g, "N")] ?? 0) + 1;

  // Memory: server RSS while all streams of a phase were open, minus its RSS just before the phase.
  const perStreamRss = phases.map((phase) => {
    // While every response of the phase was open: from the last first byte to the first end.
    const from = Math.max(...phase.streams.map((stream) => stream.firstByteAt));
    const to = Math.min(...phase.streams.map((stream) => stream.endAt));
    const during = phase.rssSamples.filter((sample) => sample.atMs >= from && sample.atMs <= to).map((sample) => sample.bytes);
    const peak = Math.max(...phase.rssSamples.map((sample) => sample.bytes));
    return { open: during.length > 0 ? median(during) - phase.idleRss : Number.NaN, peak: peak - phase.idleRss, idle: phase.idleRss, peakBytes: peak, streams: phase.streams.length };
  });
  const cpu = (name) => phases.reduce((sum, phase) => sum + phase.cpuMs[name], 0);
  const wallMs = phases.reduce((sum, phase) => sum + phase.wallMs, 0);
  return {
    streams: streams.length,
    failed: failed.length,
    errorKinds,
    contentEncodings: [...new Set(streams.map((stream) => stream.contentEncoding || "identity"))],
    keepAlives: streams.reduce((sum, stream) => sum + stream.keepAlives, 0),
    events: streams.reduce((sum, stream) => {
      for (const [type, count] of Object.entries(stream.events)) sum[type] = (sum[type] ?? 0) + count;
      return sum;
    }, {}),
    bytesPerStream: median(streams.map((stream) => stream.bytes)),
    ttfb: streams.map((stream) => stream.firstByteAt - stream.startAt),
    ttft: streams.map((stream) => stream.firstTokenAt - stream.startAt),
    delays,
    delaysByPart,
    firstTokenDelays,
    modelRequestAt,
    lastTokenAt,
    delivered,
    cpuMs: { server: cpu("server"), fake: cpu("fake"), client: cpu("client"), others: cpu("others") },
    wallMs,
    rssPerStream: perStreamRss,
  };
}

const summaryLine = (comparison) =>
  `added TTFB p50 ${signedMs(comparison.addedTtfb.p50)} p99 ${signedMs(comparison.addedTtfb.p99)}; added first token p50 ${signedMs(comparison.addedTtft.p50)}; ` +
  `per-token delay app p50 ${ms(comparison.app.delay.p50)} p99 ${ms(comparison.app.delay.p99)} (floor ${ms(comparison.floor.delay.p50)} / ${ms(comparison.floor.delay.p99)}); ` +
  `added per-token p99 of the first 10 / middle / last 10 tokens ${byPart(comparison)}; ` +
  `server CPU ${comparison.serverCpuPer1000.toFixed(0)} ms / 1000 tokens; errors floor ${comparison.errors.floor} app ${comparison.errors.app}`;
const byPart = (comparison) => tokenParts.map((part) => signedMs(comparison.addedDelayP99ByPart[part])).join(" / ");

function compare(floor, app) {
  const added = (pick, p) => percentile(pick(app), p) - percentile(pick(floor), p);
  const rss = app.rssPerStream.at(-1);
  return {
    addedTtfb: { p50: added((f) => f.ttfb, 50), p99: added((f) => f.ttfb, 99) },
    addedTtft: { p50: added((f) => f.ttft, 50), p99: added((f) => f.ttft, 99) },
    addedDelay: { p50: added((f) => f.delays, 50), p99: added((f) => f.delays, 99) },
    addedDelayP99ByPart: Object.fromEntries(tokenParts.map((part) => [part, added((f) => f.delaysByPart[part], 99)])),
    // The added first token in two parts: until the model is asked, then the first token's way back.
    addedModelRequest: { p50: added((f) => f.modelRequestAt, 50), p99: added((f) => f.modelRequestAt, 99) },
    addedFirstTokenDelay: { p50: added((f) => f.firstTokenDelays, 50), p99: added((f) => f.firstTokenDelays, 99) },
    app: {
      ttfb: { p50: percentile(app.ttfb, 50), p99: percentile(app.ttfb, 99) },
      ttft: { p50: percentile(app.ttft, 50), p99: percentile(app.ttft, 99) },
      delay: { p50: percentile(app.delays, 50), p99: percentile(app.delays, 99), max: percentile(app.delays, 100) },
      lastToken: { p50: percentile(app.lastTokenAt, 50), p99: percentile(app.lastTokenAt, 99) },
    },
    floor: {
      ttfb: { p50: percentile(floor.ttfb, 50), p99: percentile(floor.ttfb, 99) },
      ttft: { p50: percentile(floor.ttft, 50), p99: percentile(floor.ttft, 99) },
      delay: { p50: percentile(floor.delays, 50), p99: percentile(floor.delays, 99), max: percentile(floor.delays, 100) },
      lastToken: { p50: percentile(floor.lastTokenAt, 50), p99: percentile(floor.lastTokenAt, 99) },
    },
    serverCpuPer1000: (app.cpuMs.server / app.delivered) * 1000,
    // Cores busy on average during the phases: the server alone, and other processes of the machine.
    serverCores: app.cpuMs.server / app.wallMs,
    otherCores: { floor: floor.cpuMs.others / floor.wallMs, app: app.cpuMs.others / app.wallMs },
    fakeCpuPer1000: { floor: (floor.cpuMs.fake / floor.delivered) * 1000, app: (app.cpuMs.fake / app.delivered) * 1000 },
    clientCpuPer1000: { floor: (floor.cpuMs.client / floor.delivered) * 1000, app: (app.cpuMs.client / app.delivered) * 1000 },
    rssPerOpenStream: rss ? rss.open / rss.streams : Number.NaN,
    rssPeakPerStream: rss ? rss.peak / rss.streams : Number.NaN,
    idleRss: rss?.idle ?? Number.NaN,
    peakRss: rss?.peakBytes ?? Number.NaN,
    streams: rss?.streams ?? 0,
    errors: { floor: floor.failed, app: app.failed, kinds: { ...floor.errorKinds, ...app.errorKinds } },
    contentEncodings: app.contentEncodings,
  };
}

// --- compression: is `next start` compressing at all, and the chat stream? ------------------------
function encodingOf(path) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      resolve({ status: response.statusCode, encoding: response.headers["content-encoding"] ?? "identity", cacheControl: response.headers["cache-control"] });
      response.destroy();
    });
    request.on("error", reject);
    request.end();
  });
}
const pageEncoding = await encodingOf("/");

// --- the run -----------------------------------------------------------------------------------
const results = [];
let profileWindow;
let fixedCost;
let heldMemory;
try {
  // Warm-up: routes loaded, JIT warm, connection pools to the fake filled.
  log("warm-up…");
  const servedTargets = [...(stack ? ["next", "stack"] : []), "app", ...(cores ? ["cores"] : [])];
  for (const target of servedTargets) for (let index = 0; index < 3; index += 1) await phase(target, 1, 20);
  await phase("floor", Math.min(20, Math.max(...levels)), 20);
  for (const target of servedTargets) await phase(target, Math.min(20, Math.max(...levels)), 20);
  // Every server process of the cluster warm, not only the ones the phases above happened to reach.
  if (cores) for (let round = 1; round < availableParallelism() + 2; round += 1) await phase("cores", Math.min(20, Math.max(...levels)), 20);

  // Memory per open stream without the churn of streaming: N streams held open (the model's first
  // token comes after 4 s), RSS sampled while they wait, against the RSS just before. Measured before
  // the load levels, whose garbage leaves the heap larger (and RSS then hides new allocations).
  if (!quick && !profile) {
    const held = Math.max(...levels);
    log(`memory: ${held} streams held open before their first token…`);
    const heldPhase = await phase("app", held, 5, 4_000);
    const from = Math.max(...heldPhase.streams.map((stream) => stream.firstByteAt));
    const to = Math.min(...heldPhase.streams.map((stream) => stream.firstTokenAt));
    const waiting = heldPhase.rssSamples.filter((sample) => sample.atMs >= from + 500 && sample.atMs <= to).map((sample) => sample.bytes);
    heldMemory = {
      streams: held,
      failed: heldPhase.streams.filter((stream) => stream.errors.length > 0).length,
      before: heldPhase.idleRss,
      waiting: median(waiting),
      perStream: (median(waiting) - heldPhase.idleRss) / held,
    };
    log(`memory: ${kib(heldMemory.perStream)} per held stream`);
  }
  const streamMs = firstTokenMs + intervalMs * tokens;
  const levelRuns = [...levels.map((concurrency) => ({ concurrency, rampMs: 0 })), ...(spread ? [{ concurrency: Math.max(...levels), rampMs: streamMs }] : [])];
  for (const { concurrency, rampMs } of levelRuns) {
    const rounds = concurrency === 1 ? roundsAtOne : 1;
    const name = `c${concurrency}${rampMs ? ` spread over ${(rampMs / 1000).toFixed(1)} s` : ""}`;
    const floorPhases = [];
    const nextPhases = [];
    const stackPhases = [];
    const appPhases = [];
    const coresPhases = [];
    const withCores = cores && concurrency > 1;
    for (let round = 0; round < rounds; round += 1) {
      log(`${name} round ${round + 1}/${rounds}: floor…`);
      if (!profile) floorPhases.push(await phase("floor", concurrency, tokens, undefined, rampMs));
      if (stack) {
        log(`${name} round ${round + 1}/${rounds}: next, stack…`);
        nextPhases.push(await phase("next", concurrency, tokens, undefined, rampMs));
        stackPhases.push(await phase("stack", concurrency, tokens, undefined, rampMs));
      }
      log(`${name} round ${round + 1}/${rounds}: app…`);
      const appPhase = await phase("app", concurrency, tokens, undefined, rampMs);
      appPhases.push(appPhase);
      if (withCores) {
        log(`${name} round ${round + 1}/${rounds}: every core…`);
        coresPhases.push(await phase("cores", concurrency, tokens, undefined, rampMs));
      }
      if (profile) profileWindow = { from: Number(appPhase.window.from / 1000n), to: Number(appPhase.window.to / 1000n) };
    }
    const app = figures(appPhases);
    const slowest = appPhases.flatMap((phase) => phase.streams).sort((a, b) => b.firstByteAt - b.startAt - (a.firstByteAt - a.startAt)).slice(0, 5);
    log(`${name}: slowest first bytes of the app (connected / headers / first byte): ${slowest.map((stream) => [stream.connectAt, stream.responseAt, stream.firstByteAt].map((at) => ms(at - stream.startAt, 0)).join(" / ")).join("; ")}`);
    const floor = profile ? app : figures(floorPhases);
    const comparison = compare(floor, app);
    const nextComparison = stack ? compare(floor, figures(nextPhases)) : undefined;
    const stackComparison = stack ? compare(floor, figures(stackPhases)) : undefined;
    const coresComparison = withCores ? compare(floor, figures(coresPhases)) : undefined;
    results.push({ concurrency, rampMs, rounds, floor, app, comparison, nextComparison, stackComparison, coresComparison });
    if (stack) {
      log(`${name}, Next alone: ${summaryLine(nextComparison)}`);
      log(`${name}, the AI SDK's route: ${summaryLine(stackComparison)}`);
    }
    log(`${name}: ${summaryLine(comparison)}`);
    if (coresComparison) log(`${name}, every core: ${summaryLine(coresComparison)}`);
  }

  // The per-request part of the server's CPU: answers of one token, 20 at a time, 3 times.
  if (args["fixed-cost"] ?? (!quick && !profile)) {
    log("fixed cost: 3 × 20 one-token answers…");
    const phases = [];
    for (let round = 0; round < 3; round += 1) phases.push(await phase("app", 20, 1));
    const requests = phases.reduce((sum, phase) => sum + phase.streams.length, 0);
    const failedStreams = phases.flatMap((phase) => phase.streams.filter((stream) => stream.errors.length > 0));
    const failed = failedStreams.length;
    const errorKinds = {};
    for (const error of failedStreams.flatMap((stream) => stream.errors)) errorKinds[error.replace(/\d+/g, "N")] = (errorKinds[error.replace(/\d+/g, "N")] ?? 0) + 1;
    fixedCost = { requests, failed, errorKinds, serverCpuPerRequest: phases.reduce((sum, phase) => sum + phase.cpuMs.server, 0) / requests };
    log(`fixed cost: ${fixedCost.serverCpuPerRequest.toFixed(1)} ms of server CPU per one-token request (${failed} errors${failed ? `: ${JSON.stringify(errorKinds)}` : ""})`);
  }

} finally {
  await cleanUp();
}

// --- report ------------------------------------------------------------------------------------
const header = [
  `# Server overhead of POST /api/chat — ${startedAt.toISOString()}`,
  "",
  `- machine: ${host.cpus}, ${host.memory}, Node ${host.node} (load average at start ${host.load}); fake model, server and client share these cores`,
  `- build ${buildId} (checkout ${commit}); command: \`${command}\``,
  `- server: \`next start\` with NODE_OPTIONS \`${server.nodeOptions}\`${serverNodeFlags.length ? ` under \`node ${serverNodeFlags.join(" ")}\`` : ""}; fake model: first token after ${firstTokenMs} ms, then one every ${intervalMs} ms, ${tokens} tokens per stream; client: node:http, parser "${parser}", accept-encoding "${acceptEncoding}"`,
  "",
].join("\n");

const rows = results.map(({ concurrency, rampMs, rounds, comparison: c, nextComparison, stackComparison, coresComparison, app, floor }) => ({
  load: concurrency === 1 ? `1 stream × ${rounds} rounds` : `${concurrency} streams${rampMs ? `, starts spread over ${(rampMs / 1000).toFixed(1)} s` : ""}`,
  c,
  n: nextComparison,
  s: stackComparison,
  k: coresComparison,
  app,
  floor,
}));
// "Next · stack · Parley": the same figure for the model passed through Next, for the AI SDK's
// documented route, and for the app.
const sideBySide = (comparisons, format) => comparisons.map(format).join(" · ");

let report = header;
if (!profile) {
  report += [
    "| load | added first byte p50 / p99 | added first token p50 / p99 | per-token delay p50 / p99: app (floor) | added per-token p50 / p99 | added per-token p99: first 10 / middle / last 10 tokens | last token p99: app (floor) | server CPU / 1000 tokens | RSS growth / stream: all open (peak) | errors app (floor) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ load, c }) =>
        `| ${load} | ${signedMs(c.addedTtfb.p50)} / ${signedMs(c.addedTtfb.p99)} | ${signedMs(c.addedTtft.p50)} / ${signedMs(c.addedTtft.p99)} | ` +
        `${ms(c.app.delay.p50)} / ${ms(c.app.delay.p99)} (${ms(c.floor.delay.p50)} / ${ms(c.floor.delay.p99)}) | ${signedMs(c.addedDelay.p50)} / ${signedMs(c.addedDelay.p99)} | ${byPart(c)} | ` +
        `${ms(c.app.lastToken.p99, 0)} (${ms(c.floor.lastToken.p99, 0)}) | ${c.serverCpuPer1000.toFixed(0)} ms | ${c.streams > 1 ? `${Number.isFinite(c.rssPerOpenStream) ? kib(c.rssPerOpenStream) : "–"} (${kib(c.rssPeakPerStream)})` : "–"} | ${c.errors.app} (${c.errors.floor}) |`,
    ),
    "",
    "| load | first byte p50 / p99: app (floor) | first token p50 / p99: app (floor) | added first token = model asked later p50 / p99 + first token's way back p50 / p99 | server cores busy (avg) | CPU / 1000 tokens: fake in app phase (floor phase) | client CPU / 1000 tokens: app (floor) | other processes, cores: app (floor) | server RSS before → peak | app response encoding |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      ({ load, c }) =>
        `| ${load} | ${ms(c.app.ttfb.p50)} / ${ms(c.app.ttfb.p99)} (${ms(c.floor.ttfb.p50)} / ${ms(c.floor.ttfb.p99)}) | ${ms(c.app.ttft.p50)} / ${ms(c.app.ttft.p99)} (${ms(c.floor.ttft.p50)} / ${ms(c.floor.ttft.p99)}) | ` +
        `${signedMs(c.addedModelRequest.p50)} / ${signedMs(c.addedModelRequest.p99)} + ${signedMs(c.addedFirstTokenDelay.p50)} / ${signedMs(c.addedFirstTokenDelay.p99)} | ${c.serverCores.toFixed(2)} | ${c.fakeCpuPer1000.app.toFixed(0)} ms (${c.fakeCpuPer1000.floor.toFixed(0)} ms) | ${c.clientCpuPer1000.app.toFixed(0)} ms (${c.clientCpuPer1000.floor.toFixed(0)} ms) | ${c.otherCores.app.toFixed(2)} (${c.otherCores.floor.toFixed(2)}) | ${mib(c.idleRss, 0)} → ${mib(c.peakRss, 0)} | ${c.contentEncodings.join(", ")} |`,
    ),
    "",
  ].join("\n");
  if (stack) {
    report += [
      "",
      `Side by side with the stack's own floor (\`${stackAppDir}\`, a bare Next app with the same Node options), each figure as **Next · stack · Parley**, all against the same floor: *Next* = the model's stream passed through a route untouched (\`fetch\` to the model, its body returned); *stack* = the AI SDK's documented route (\`streamText\` with the OpenAI provider, answered with \`toUIMessageStreamResponse()\`; no store, session, quota, tools or telemetry); *Parley* = \`POST /api/chat\`:`,
      "",
      "| load | added first byte p50 | added first byte p99 | added first token p50 | … = model asked later + first token's way back (p50) | added per-token p99 | added per-token p99, first 10 / middle / last 10 tokens | server CPU / 1000 tokens | errors |",
      "|---|---|---|---|---|---|---|---|---|",
      ...rows.map(
        ({ load, c, n, s }) =>
          `| ${load} | ${sideBySide([n, s, c], (x) => signedMs(x.addedTtfb.p50))} | ${sideBySide([n, s, c], (x) => signedMs(x.addedTtfb.p99))} | ${sideBySide([n, s, c], (x) => signedMs(x.addedTtft.p50))} | ` +
          `${sideBySide([n, s, c], (x) => `${signedMs(x.addedModelRequest.p50)} + ${signedMs(x.addedFirstTokenDelay.p50)}`)} | ` +
          `${sideBySide([n, s, c], (x) => signedMs(x.addedDelay.p99))} | ${sideBySide([n, s, c], byPart)} | ${sideBySide([n, s, c], (x) => `${x.serverCpuPer1000.toFixed(0)} ms`)} | ${sideBySide([n, s, c], (x) => String(x.errors.app))} |`,
      ),
      "",
    ].join("\n");
  }
  const coreRows = rows.filter((row) => row.k);
  if (coreRows.length > 0) {
    // "stack · one · all cores": the AI SDK's route (one process), Parley in one process, Parley on every core.
    const three = ({ s, c, k }, format) => sideBySide([s, c, k], (x) => (x ? format(x) : "–"));
    report += [
      "",
      `One process against every core (${availableParallelism()} here), each figure as **stack · one · all cores**: *stack* = the AI SDK's documented route (one \`next start\` process, as above); *one* = Parley in one \`next start\` process; *all cores* = Parley as \`npm start\` runs it (\`scripts/start.sh\`: a primary and one server process per core sharing the port and the SQLite file). CPU and RSS are summed over a server's processes.`,
      "",
      "| load | added first byte p50 | added first byte p99 | last token p99 (floor) | added per-token p99 | server CPU / 1000 tokens | server cores busy (avg) | server RSS before → peak | errors |",
      "|---|---|---|---|---|---|---|---|---|",
      ...coreRows.map(
        (row) =>
          `| ${row.load} | ${three(row, (x) => signedMs(x.addedTtfb.p50))} | ${three(row, (x) => signedMs(x.addedTtfb.p99))} | ${three(row, (x) => ms(x.app.lastToken.p99, 0))} (${ms(row.c.floor.lastToken.p99, 0)}) | ` +
          `${three(row, (x) => signedMs(x.addedDelay.p99))} | ${three(row, (x) => `${x.serverCpuPer1000.toFixed(0)} ms`)} | ${three(row, (x) => x.serverCores.toFixed(2))} | ${three(row, (x) => `${mib(x.idleRss, 0)} → ${mib(x.peakRss, 0)}`)} | ${three(row, (x) => String(x.errors.app))} |`,
      ),
      "",
    ].join("\n");
  }
  const busiest = Math.max(...results.flatMap((result) => [result.comparison.otherCores.app, result.comparison.otherCores.floor]));
  if (busiest > 0.2) report += `\n**Warning:** other processes used up to ${busiest.toFixed(2)} cores during a phase (column "other processes"): the machine was shared, figures are not representative. Run again on a quiet machine.\n`;
  if (fixedCost) {
    const perToken = results.map(({ concurrency, rampMs, comparison }) => `c${concurrency}${rampMs ? " spread" : ""} ${(comparison.serverCpuPer1000 - (fixedCost.serverCpuPerRequest * 1000) / tokens).toFixed(0)} µs`);
    report += `\nPer-request server CPU (${fixedCost.requests} one-token answers, 20 at a time): ${fixedCost.serverCpuPerRequest.toFixed(1)} ms per request (${fixedCost.failed} errors${fixedCost.failed ? `: ${JSON.stringify(fixedCost.errorKinds)}` : ""}). Server CPU per token once that is taken out: ${perToken.join(", ")}.\n`;
  }
  if (heldMemory) {
    report += `\nMemory per open stream, streams held open before their first token (no streaming churn): ${heldMemory.streams} streams, server RSS ${mib(heldMemory.before)} before → ${mib(heldMemory.waiting)} while they wait (median) = ${kib(heldMemory.perStream)} per open stream (${heldMemory.failed} errors).\n`;
  }
  const errorKinds = Object.assign({}, ...results.map((result) => result.comparison.errors.kinds));
  if (Object.keys(errorKinds).length > 0) report += `\nErrors: ${JSON.stringify(errorKinds)}\n`;
  report += `\nCompression (client sends accept-encoding "${acceptEncoding}"): GET / answers ${pageEncoding.status} with content-encoding ${pageEncoding.encoding}; the chat stream answers with ${[...new Set(results.flatMap((result) => result.comparison.contentEncodings))].join(", ")} (its cache-control is "no-cache, no-transform").\n`;
  const appEvents = results.at(-1)?.app.events;
  if (appEvents) report += `\nEvents of the app's streams at the last level: ${JSON.stringify(appEvents)}; bytes per stream (median) ${results.at(-1).app.bytesPerStream}\n`;
} else {
  const { c } = rows[0];
  report += `Under --cpu-prof (figures slower than without the profiler): ${rows[0].load}, first byte p99 ${ms(c.app.ttfb.p99)}, first token p50 ${ms(c.app.ttft.p50)}, per-token delay p50 ${ms(c.app.delay.p50)} / p99 ${ms(c.app.delay.p99)}, server CPU ${c.serverCpuPer1000.toFixed(0)} ms / 1000 tokens, errors ${c.errors.app}, response encoding ${c.contentEncodings.join(", ")}\n\n`;
  const files = readdirSync(profileDir).filter((file) => file.endsWith(".cpuprofile"));
  if (files.length === 0) report += "No .cpuprofile was written.\n";
  for (const file of files) {
    const path = join(profileDir, file);
    const summary = summarizeProfile(path, { fromUs: profileWindow.from, toUs: profileWindow.to });
    report += `Profile: ${path} (window: the c${levels[0]} app phase)\n\n${formatProfileSummary(summary)}\n`;
  }
}
console.log(report);

const rawFile = args.json ?? join(workDir, "results.json");
writeFileSync(
  rawFile,
  JSON.stringify({ startedAt, host, buildId, command, tokens, firstTokenMs, intervalMs, serverNodeFlags, profileWindow, fixedCost, heldMemory, results: results.map(({ concurrency, rampMs, rounds, comparison, nextComparison, stackComparison, coresComparison }) => ({ concurrency, rampMs, rounds, comparison, nextComparison, stackComparison, coresComparison })) }, null, 2),
);
log(`raw figures: ${rawFile}; server log: ${server.logFile}`);

// --- quick mode: fail only on a gross regression ----------------------------------------------------
if (quick) {
  const problems = [];
  const one = results.find((result) => result.concurrency === 1);
  if (one && !(one.comparison.addedTtft.p50 <= 50)) problems.push(`added first-token p50 at c1 is ${signedMs(one.comparison.addedTtft.p50)} (> 50 ms)`);
  for (const result of results) {
    if (result.comparison.errors.app + result.comparison.errors.floor > 0) problems.push(`c${result.concurrency}: ${result.comparison.errors.app} app / ${result.comparison.errors.floor} floor stream errors`);
    // The side-by-side measurement must keep working too (bench/server/stack-floor follows the AI SDK).
    for (const [name, comparison] of [["Next alone", result.nextComparison], ["the AI SDK's route", result.stackComparison]]) {
      if (comparison && comparison.errors.app > 0) problems.push(`c${result.concurrency}: ${comparison.errors.app} stream errors of the stack's floor (${name})`);
    }
  }
  if (problems.length > 0) {
    console.error(`GROSS REGRESSION:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.error("quick: OK (added first-token p50 at c1 ≤ 50 ms, no stream errors, the stack's floor included)");
}
process.exit(0);
