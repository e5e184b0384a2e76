// Benchmark 3: what a long streamed answer costs the browser's main thread, the app against a naive
// baseline, in one run. See bench/README.md for what is measured and the results.
//
//   npm run build && node_modules/.bin/node bench/browser/long-answer.mjs            (20 000 tokens, app + naive)
//   node_modules/.bin/node bench/browser/long-answer.mjs --quick                     (3 000 tokens, app only, < 45 s)
//
// Options: --tokens=N, --rate=<tokens/s>, --pages=app,naive, --no-profile (no CPU profile),
// --save=<dir> (writes the traces, CPU profiles and raw figures there; default bench/browser/out/),
// --app-dir=<dir> (a built copy of the app to serve instead of this checkout, e.g. from
// prepare-snapshot.sh), --sourcemaps=<dir> (the `.next/static/chunks` of the same sources built
// with browser source maps: names the app's functions in the CPU profile), --scroll-away (the
// user scrolls up once the answer has started, so the view stops following it: an experiment on
// what auto-scrolling costs), --heap-snapshot (saves the page's heap after the answer to --save).
//
// A fake OpenAI server (test/fixtures/serve.mjs, in its own process) streams a deterministic
// markdown answer at a fixed pace to the production app (`next start`, OPENAI_API=chat) and to the
// naive page (served here, reading the same fake through a same-origin proxy). Chromium records
// a performance trace (main-thread tasks by category), a CPU profile (which functions), and
// in-page observers (when each part of the answer became visible; long tasks).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { startNextServer } from "../../test/support/next-server.ts";
import { arriveAtChat, CHROMIUM_ARGS, readOption, systemChromium } from "./browser-options.mjs";
import { markdownAnswer } from "./markdown-answer.mjs";
import { attributeProfile, loadChunks } from "./profile-attribution.mjs";
import { analyseMainThread, CATEGORIES, findMainThread, keptEvent, markTimestamp, TRACE_CATEGORIES } from "./trace-analysis.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const option = (name, fallback) => readOption(argv, name, fallback);
const quick = option("quick", false) === true;
const tokens = Number(option("tokens", quick ? 3_000 : 20_000));
const rate = Number(option("rate", 200));
const pages = String(option("pages", quick ? "app" : "app,naive")).split(",");
const profile = option("no-profile", false) !== true;
const saveDir = resolve(root, String(option("save", join(here, "out"))));
const tokenDelayMs = Math.round(1000 / rate);
const appDir = resolve(root, String(option("app-dir", root)));
const sourceMapsDir = option("sourcemaps", undefined);
const scrollAway = option("scroll-away", false) === true;
const heapSnapshot = option("heap-snapshot", false) === true;
/** Quick mode fails only on a gross regression. */
const QUICK_MAX_TASK_MS = 500;
// The app renders the streamed text at most every 50 ms (useChat's throttle): ≈ 100 changed frames
// per 1 000 tokens at 200 tokens/s. A render per delta (batching lost) gives 200–300.
const QUICK_MAX_FRAMES_PER_1000_TOKENS = 180;
const TARGET_MAX_TASK_MS = 50;
const TARGET_COST_RATIO = 2;
const WARM_UP_TOKENS = 400;
const VIEWPORT = { width: 1280, height: 800 };

if (!Number.isInteger(tokens) || tokens < 2_000 || tokens > 99_999) throw new Error("--tokens must be an integer from 2000 to 99999.");
if (!existsSync(join(appDir, ".next/BUILD_ID"))) {
  console.error(`No production build (${join(appDir, ".next/BUILD_ID")} is missing): run \`npm run build\` first.`);
  process.exit(2);
}
const buildId = readFileSync(join(appDir, ".next/BUILD_ID"), "utf8").trim();

// ---------------------------------------------------------------------------------------------
// Processes: the fake model, the app, the naive page

const children = [];
const stopChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopChildren();
    process.exit(130);
  });
}

async function startFakeOpenAI() {
  // The fixture of the measured app's own sources (a snapshot has its copy).
  // Snapshots of commits before test/ existed have it under e2e/.
  const serve = ["test/fixtures/serve.mjs", "e2e/fixtures/serve.mjs"].find((path) => existsSync(join(appDir, path)));
  const child = spawn(process.execPath, [serve ?? "test/fixtures/serve.mjs"], {
    cwd: serve ? appDir : root,
    env: { ...process.env, FAKE_OPENAI_PORT: "0", FAKE_OPEN_METEO_PORT: "0", FAKE_OIDC_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let output = "";
  for await (const chunk of child.stdout) {
    output += chunk;
    const url = /Fake OpenAI:\s+(http:\/\/\S+)/.exec(output)?.[1];
    if (url) {
      child.stdout.resume();
      return url;
    }
  }
  throw new Error(`The fake OpenAI server did not start:\n${output}`);
}

/** The measured app (`next start` of this checkout or of --app-dir), its model the fake. */
function startApp(fakeUrl, dataDir) {
  return startNextServer({
    cwd: appDir,
    dataDir,
    env: {
      OPENAI_API_KEY: "bench",
      OPENAI_BASE_URL: `${fakeUrl}/v1`,
      OPENAI_API: "chat",
      OPENAI_MODEL: "bench",
      MODEL_MAX_RETRIES: "0",
      LOG_LEVEL: "WARN",
    },
  });
}

/** Serves the naive page and proxies /v1/* to the fake model (same origin, so no CORS). */
async function startNaiveServer(fakeUrl) {
  const bundle = await build({
    entryPoints: [join(here, "naive/naive-chat.tsx")],
    bundle: true,
    // Not minified, so the CPU profile names its functions and esbuild's comments name its modules.
    minify: false,
    format: "iife",
    target: "chrome120",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "warning",
  });
  const script = bundle.outputFiles[0].contents;
  const html = readFileSync(join(here, "naive/index.html"));
  const fake = new URL(fakeUrl);
  const server = createServer((request, response) => {
    if (request.url?.startsWith("/v1/")) {
      const upstream = httpRequest(
        { host: fake.hostname, port: fake.port, method: request.method, path: request.url, headers: request.headers },
        (upstreamResponse) => {
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
          response.flushHeaders();
          upstreamResponse.pipe(response);
        },
      );
      upstream.setNoDelay(true);
      upstream.on("error", () => response.destroy());
      request.pipe(upstream);
      return;
    }
    const [type, body] = request.url === "/naive-chat.js" ? ["text/javascript", script] : request.url === "/" ? ["text/html", html] : [];
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "max-age=3600" });
    response.end(body);
  });
  server.on("connection", (socket) => socket.setNoDelay(true));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => server.close(), sources: new Map([[`${url}/naive-chat.js`, bundle.outputFiles[0].text]]) };
}

async function registerScenario(fakeUrl, deltas) {
  const response = await fetch(`${fakeUrl}/__scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ turns: [{ type: "text", text: deltas, tokenDelayMs }] }),
  });
  if (!response.ok) throw new Error(`Registering the scenario failed: ${response.status} ${await response.text()}`);
  return (await response.json()).marker;
}

async function recordedRequests(fakeUrl, marker) {
  const key = /\[scenario:(.+)\]/.exec(marker)?.[1] ?? "";
  const response = await fetch(`${fakeUrl}/__requests?${new URLSearchParams({ scenario: key })}`);
  return (await response.json()).requests;
}

// ---------------------------------------------------------------------------------------------
// One measured answer in one page

const ANSWER_SELECTOR = '[data-testid="message"][data-role="assistant"]';
const DONE_SELECTOR = `${ANSWER_SELECTOR}[data-status="done"]`;
const probeScript = readFileSync(join(here, "page-probe.js"), "utf8");

async function ask(page, question, timeoutMs, { scrollUp = false } = {}) {
  const composer = page.getByTestId("composer-input");
  await composer.fill(question);
  await composer.press("Enter");
  if (scrollUp) {
    // A user who scrolls up to read: the list stops following the answer.
    await page.waitForFunction(() => (window.__bench.visible.at(-1)?.[1] ?? -1) >= 300, undefined, { polling: 100 });
    const box = await page.getByTestId("message-list").boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, Math.min(box.y + box.height / 2, 400));
    await page.mouse.wheel(0, -600);
  }
  // The probe in the page resolves this when it sees the answer done (no selector polling).
  const finished = page.evaluate(() => window.__bench.finished);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The answer was not done after ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
  }
  await page.locator(DONE_SELECTOR).last().waitFor({ timeout: 1_000 });
}

async function openChat(context, url) {
  const page = await context.newPage();
  await page.addInitScript({ content: probeScript });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.getByTestId("composer-input").waitFor();
  // The user arrives before typing: the chat's code loads and hydrates then, not in the measured answer.
  await arriveAtChat(page, VIEWPORT);
  return page;
}

async function measurePage(name, { browser, url, fakeUrl, answer, warmUp, sources }) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    // Warm-up in its own page (another chat): the scripts are loaded and compiled once, as for a
    // user who has used the app before; the measured chat starts empty.
    const warmPage = await openChat(context, url);
    await ask(warmPage, `${await registerScenario(fakeUrl, warmUp.deltas)} Warm up.`, 60_000);
    await warmPage.close();

    const page = await openChat(context, url);
    const marker = await registerScenario(fakeUrl, answer.deltas);
    const cdp = await context.newCDPSession(page);

    await cdp.send("Performance.enable");
    const metricsBefore = await cdp.send("Performance.getMetrics");
    const events = [];
    let rawTrace;
    const traceFile = join(saveDir, `${stamp}-${name}.trace.json`);
    if (!quick) {
      rawTrace = createWriteStream(traceFile);
      rawTrace.write('{"traceEvents":[\n');
    }
    let firstRaw = true;
    cdp.on("Tracing.dataCollected", ({ value }) => {
      for (const event of value) {
        if (rawTrace) {
          rawTrace.write(`${firstRaw ? "" : ",\n"}${JSON.stringify(event)}`);
          firstRaw = false;
        }
        const kept = keptEvent(event);
        if (kept) events.push(kept);
      }
    });
    const tracingDone = new Promise((done) => cdp.once("Tracing.tracingComplete", done));
    if (profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
    }
    await cdp.send("Tracing.start", {
      transferMode: "ReportEvents",
      traceConfig: { recordMode: "recordAsMuchAsPossible", includedCategories: TRACE_CATEGORIES.filter((category) => !category.startsWith("-")), excludedCategories: ["*"] },
    });
    const syncNow = await page.evaluate((maxIndex) => {
      window.__bench.maxIndex = maxIndex;
      performance.mark("bench:sync");
      return performance.getEntriesByName("bench:sync").at(-1)?.startTime ?? performance.now();
    }, tokens - 1);

    await ask(page, `${marker} Write a long answer with lists, tables and code.`, (tokens / rate) * 1000 * 4 + 60_000, { scrollUp: scrollAway && name === "app" });
    // The last commit and paint after the status flips.
    await page.waitForTimeout(300);

    const pageData = await page.evaluate(() => ({
      ...window.__bench,
      finished: undefined,
      timeOrigin: performance.timeOrigin,
      now: performance.now(),
      naiveRenders: window.naiveRenders,
      domNodes: document.getElementsByTagName("*").length,
    }));
    await cdp.send("Tracing.end");
    const completion = await tracingDone;
    const cpuProfile = profile ? (await cdp.send("Profiler.stop")).profile : undefined;
    const metricsAfter = await cdp.send("Performance.getMetrics");
    // What the page keeps, as opposed to what it has not collected yet: the heap at the end
    // includes garbage, as much as the collector happened to leave.
    await cdp.send("HeapProfiler.collectGarbage");
    const heapAfterGc = await cdp.send("Runtime.getHeapUsage");
    if (heapSnapshot) await saveHeapSnapshot(cdp, join(saveDir, `${stamp}-${name}.heapsnapshot`));
    if (rawTrace) {
      rawTrace.end("\n]}\n");
      await once(rawTrace, "finish");
    }
    const finalText = (await page.locator(`${ANSWER_SELECTOR} [data-testid="message-text"]`).last().textContent()) ?? "";
    const requests = await recordedRequests(fakeUrl, marker);
    if (profile && !quick) writeFileSync(join(saveDir, `${stamp}-${name}.cpuprofile`), JSON.stringify(cpuProfile));
    if (!quick) writeFileSync(join(saveDir, `${stamp}-${name}.page.json`), JSON.stringify({ pageData, syncNow, requests, metricsBefore, metricsAfter }));
    return analyse(name, {
      events,
      dataLoss: completion.dataLossOccurred,
      pageUrl: url,
      pageData,
      syncNow,
      cpuProfile,
      metricsBefore,
      metricsAfter,
      heapAfterGc,
      finalText,
      requests,
      traceFile: rawTrace ? traceFile : undefined,
      sources,
    });
  } finally {
    await context.close();
  }
}

/** The page's heap after the answer, for DevTools > Memory (what keeps what). */
async function saveHeapSnapshot(cdp, file) {
  const out = createWriteStream(file);
  const write = ({ chunk }) => out.write(chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", write);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", write);
  out.end();
  await once(out, "finish");
}

// ---------------------------------------------------------------------------------------------
// Analysis

const metric = (metrics, name) => metrics.metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;

function analyse(name, run) {
  const { events, pageData, syncNow } = run;
  const thread = findMainThread(events, run.pageUrl);
  const main = analyseMainThread(events, thread);
  const syncTs = markTimestamp(events, "bench:sync");
  if (syncTs === undefined) throw new Error("The sync mark is missing from the trace.");
  /** performance.now() (ms) → trace clock (µs). */
  const toTrace = (now) => syncTs + (now - syncNow) * 1000;

  // When delta k became visible: the first frame whose text shows a sentinel ≥ k.
  const visible = pageData.visible.map(([now, index]) => ({ ts: toTrace(now), index }));
  const lastIndex = tokens - 1;
  if (visible.at(-1)?.index !== lastIndex) throw new Error(`${name}: the last delta (${lastIndex}) never became visible (last seen: ${visible.at(-1)?.index}).`);
  if (!run.finalText.includes(`t${String(lastIndex).padStart(5, "0")}`)) throw new Error(`${name}: the final answer does not end with the last delta.`);
  const visibleAt = (index) => visible.find((sample) => sample.index >= index)?.ts ?? Number.NaN;

  const streamStart = toTrace(syncNow);
  const streamEnd = visibleAt(lastIndex);
  const total = main.timeBetween(streamStart, streamEnd);
  const tasks = main.tasksBetween(streamStart, streamEnd).sort((a, b) => b.dur - a.dur);
  // The answer's end: from its last token on screen until the harness stops reading (the answer
  // marked done, its actions shown, 300 ms after).
  const endTasks = pageData.doneAt === undefined ? [] : main.tasksBetween(streamEnd, toTrace(pageData.doneAt) + 300_000);
  const longestEndTask = endTasks.reduce((longest, task) => (task.dur > (longest?.dur ?? 0) ? task : longest), undefined);
  const tokenAt = (ts) => visible.filter((sample) => sample.ts <= ts).at(-1)?.index ?? 0;

  const windowCost = (from, to) => {
    const start = visibleAt(from);
    const end = visibleAt(to);
    const time = main.timeBetween(start, end);
    const busyUs = CATEGORIES.reduce((sum, category) => sum + time[category], 0);
    const count = to - from;
    const updates = pageData.updates.filter(([now]) => toTrace(now) > start && toTrace(now) <= end);
    const renders = updates.length > 0 ? updates.at(-1)[1] - (pageData.updates.filter(([now]) => toTrace(now) <= start).at(-1)?.[1] ?? 0) : 0;
    return {
      frames: updates.length,
      msPerFrame: busyUs / 1000 / Math.max(1, updates.length),
      renders,
      from,
      to,
      seconds: (end - start) / 1e6,
      busyShare: busyUs / (end - start),
      perTokenMs: busyUs / 1000 / count,
      perTokenThreadMs: main.threadTimeBetween(start, end) / 1000 / count,
      perTokenByCategoryMs: Object.fromEntries(CATEGORIES.map((category) => [category, time[category] / 1000 / count])),
      longestTaskMs: main.tasksBetween(start, end).reduce((longest, task) => Math.max(longest, task.dur / 1000), 0),
      events: main.eventsBetween(start, end),
    };
  };
  const step = 1000;
  const curve = [];
  for (let from = 0; from + step <= tokens; from += step) curve.push(windowCost(from, Math.min(from + step, lastIndex)));
  const early = windowCost(500, 1500);
  const late = windowCost(tokens - 1000, lastIndex);

  const request = run.requests.at(-1);
  const epoch = (ts) => pageData.timeOrigin + syncNow + (ts - syncTs) / 1000;
  const attribution = run.cpuProfile
    ? attributeProfile(run.cpuProfile, {
        chunks: chunks.chunks,
        sources: run.sources,
        windows: { all: [streamStart, streamEnd], early: [visibleAt(500), visibleAt(1500)], late: [visibleAt(tokens - 1000), streamEnd] },
      })
    : undefined;

  return {
    name,
    mainThread: thread,
    dataLoss: run.dataLoss,
    streamSeconds: (streamEnd - streamStart) / 1e6,
    fakeSeconds: request?.finishedAt && request?.receivedAt ? (request.finishedAt - request.receivedAt) / 1000 : Number.NaN,
    lagAtEndMs: request?.finishedAt ? epoch(streamEnd) - request.finishedAt : Number.NaN,
    totalMs: Object.fromEntries(CATEGORIES.map((category) => [category, total[category] / 1000])),
    taskThreadMs: main.threadTimeBetween(streamStart, streamEnd) / 1000,
    longestTaskMs: (tasks[0]?.dur ?? 0) / 1000,
    longestTaskCpuMs: tasks.reduce((longest, task) => Math.max(longest, task.tdur / 1000), 0),
    endTaskMs: (longestEndTask?.dur ?? Number.NaN) / 1000,
    endTaskCpuMs: (longestEndTask?.tdur ?? Number.NaN) / 1000,
    endTaskCpuMaxMs: endTasks.length === 0 ? Number.NaN : endTasks.reduce((longest, task) => Math.max(longest, task.tdur / 1000), 0),
    tasksOver50: tasks.filter((task) => task.dur > 50_000).length,
    tasksOver50Ms: tasks.filter((task) => task.dur > 50_000).reduce((sum, task) => sum + task.dur / 1000, 0),
    topTasks: tasks.slice(0, 8).map((task) => ({
      ms: task.dur / 1000,
      threadMs: task.tdur / 1000,
      atToken: tokenAt(task.ts),
      atSecond: (task.ts - streamStart) / 1e6,
      byCategoryMs: Object.fromEntries(Object.entries(main.timeBetween(task.ts, task.ts + task.dur)).map(([category, us]) => [category, us / 1000])),
    })),
    longTaskEntries: pageData.longTasks.length,
    longFrames: pageData.longFrames,
    early,
    late,
    ratio: late.perTokenMs / early.perTokenMs,
    curve,
    visibleSamples: pageData.visible.length,
    naiveRenders: pageData.naiveRenders,
    domNodes: pageData.domNodes,
    metrics: Object.fromEntries(
      ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "LayoutCount", "RecalcStyleCount"].map((key) => [key, metric(run.metricsAfter, key) - metric(run.metricsBefore, key)]),
    ),
    jsHeapMiB: metric(run.metricsAfter, "JSHeapUsedSize") / 2 ** 20,
    jsHeapAfterGcMiB: run.heapAfterGc.usedSize / 2 ** 20,
    attribution,
    traceFile: run.traceFile,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value, digits = 0) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "—");
const sum = (record) => Object.values(record).reduce((total, value) => total + value, 0);

function report(results) {
  const lines = [];
  const row = (cells) => lines.push(`| ${cells.join(" | ")} |`);
  const names = results.map((result) => result.name);
  row(["", ...names]);
  row(["---", ...names.map(() => "---")]);
  const line = (label, cell) => row([label, ...results.map(cell)]);
  line("streaming (first send → last token visible)", (r) => `${r.streamSeconds.toFixed(1)} s (the fake sent for ${r.fakeSeconds.toFixed(1)} s: ${(tokens / r.fakeSeconds).toFixed(0)} tokens/s)`);
  line("last token visible after the fake sent it", (r) => ms(r.lagAtEndMs));
  line("main thread busy while streaming (wall time in tasks)", (r) => `${ms(sum(r.totalMs))} (${(sum(r.totalMs) / 10 / r.streamSeconds).toFixed(0)} % of the time)`);
  line("— of which CPU time of the thread (the rest: waiting for a CPU)", (r) => `${ms(r.taskThreadMs)} (${((100 * r.taskThreadMs) / sum(r.totalMs)).toFixed(0)} %)`);
  for (const category of CATEGORIES) line(`— ${category}`, (r) => ms(r.totalMs[category]));
  line("scripting incl. GC / rendering (style+layout+other+paint)", (r) => `${ms(r.totalMs.scripting + r.totalMs.gc)} / ${ms(r.totalMs.style + r.totalMs.layout + r.totalMs["other rendering"] + r.totalMs.paint)}`);
  line("longest task (wall time; CPU time of that task)", (r) => `${ms(r.longestTaskMs, 1)} (CPU ${ms(r.topTasks[0]?.threadMs ?? 0, 1)})`);
  line("longest task by CPU time", (r) => ms(r.longestTaskCpuMs, 1));
  line("tasks > 50 ms (count, total)", (r) => `${r.tasksOver50}, ${ms(r.tasksOver50Ms)}`);
  line("the answer's end (last token → done + 300 ms): longest task (its CPU) · longest by CPU", (r) => `${ms(r.endTaskMs, 1)} (CPU ${ms(r.endTaskCpuMs, 1)}) · ${ms(r.endTaskCpuMaxMs, 1)}`);
  line("main-thread ms per token, tokens 500–1 500", (r) => `${r.early.perTokenMs.toFixed(3)} (CPU ${r.early.perTokenThreadMs.toFixed(3)}; busy ${(r.early.busyShare * 100).toFixed(0)} %)`);
  line(`main-thread ms per token, tokens ${tokens - 1000}–${tokens - 1}`, (r) => `${r.late.perTokenMs.toFixed(3)} (CPU ${r.late.perTokenThreadMs.toFixed(3)}; busy ${(r.late.busyShare * 100).toFixed(0)} %)`);
  line("frames that changed the page, tokens 500–1 500 / last 1 000 (whole-message renders, naive)", (r) => `${r.early.frames} / ${r.late.frames}${r.naiveRenders === undefined ? "" : ` (${r.early.renders} / ${r.late.renders})`}`);
  line("main-thread ms per changed frame, early / late", (r) => `${r.early.msPerFrame.toFixed(1)} / ${r.late.msPerFrame.toFixed(1)}`);
  line("ratio late / early (target ≤ 2)", (r) => `${r.ratio.toFixed(2)}× (CPU time: ${(r.late.perTokenThreadMs / r.early.perTokenThreadMs).toFixed(2)}×)`);
  line("CDP Performance.getMetrics: Task / Script / Style / Layout", (r) => `${[r.metrics.TaskDuration, r.metrics.ScriptDuration, r.metrics.RecalcStyleDuration, r.metrics.LayoutDuration].map((seconds) => (seconds * 1000).toFixed(0)).join(" / ")} ms`);
  line("layouts / style recalcs", (r) => `${r.metrics.LayoutCount} / ${r.metrics.RecalcStyleCount}`);
  line("DOM elements at the end, JS heap (after a full GC)", (r) => `${r.domNodes}, ${r.jsHeapMiB.toFixed(0)} MiB (${r.jsHeapAfterGcMiB.toFixed(1)} MiB)`);
  line("whole-message renders (naive)", (r) => (r.naiveRenders === undefined ? "—" : String(r.naiveRenders)));
  lines.push("");
  lines.push("Per-token main-thread cost along the answer (ms per token, per window of 1 000 tokens; longest task in the window):");
  lines.push("");
  row(["tokens", ...names.flatMap((name) => [`${name} ms/token`, `${name} scripting / style+layout / paint`, `${name} frames, ms/frame`, `${name} longest task`])]);
  row(["---", ...names.flatMap(() => ["---", "---", "---", "---"])]);
  results[0].curve.forEach((window, index) => {
    row([
      `${window.from}–${window.to}`,
      ...results.flatMap((r) => {
        const w = r.curve[index];
        const c = w.perTokenByCategoryMs;
        return [w.perTokenMs.toFixed(3), `${(c.scripting + c.gc).toFixed(3)} / ${(c.style + c.layout + c["other rendering"]).toFixed(3)} / ${c.paint.toFixed(3)}`, `${w.frames}, ${w.msPerFrame.toFixed(1)}`, ms(w.longestTaskMs)];
      }),
    ]);
  });
  lines.push("");
  lines.push("Rendering pipeline per 1 000 tokens, tokens 500–1 500 → last 1 000 (trace events, inclusive CPU time; count):");
  lines.push("");
  row(["trace event", ...names.flatMap((name) => [`${name} early`, `${name} late`])]);
  row(["---", ...names.flatMap(() => ["---", "---"])]);
  for (const event of ["FunctionCall", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "SimpleWatcher::OnHandleReady"]) {
    row([event, ...results.flatMap((r) => [r.early, r.late].map((w) => {
      const stat = w.events.stats[event];
      return stat ? `${((stat.cpuMs * 1000) / (w.to - w.from)).toFixed(0)} ms (${stat.count}×, ${(stat.cpuMs / stat.count).toFixed(2)} ms each)` : "—";
    }))]);
  }
  row(["Layout: objects in the tree / dirty, on average", ...results.flatMap((r) => [r.early, r.late].map((w) => `${w.events.layoutTotalObjects.toFixed(0)} / ${w.events.layoutDirtyObjects.toFixed(0)}`))]);
  for (const r of results) {
    lines.push("");
    lines.push(`Longest tasks of ${r.name} (ms; at token; by category):`);
    for (const task of r.topTasks.slice(0, 5)) {
      const parts = Object.entries(task.byCategoryMs).filter(([, value]) => value >= 1).map(([category, value]) => `${category} ${value.toFixed(0)}`);
      lines.push(`- ${task.ms.toFixed(1)} ms (CPU ${task.threadMs.toFixed(1)} ms) at token ${task.atToken} (${task.atSecond.toFixed(1)} s): ${parts.join(", ")}`);
    }
    if (r.attribution) {
      lines.push("");
      lines.push(`Where ${r.name}'s main-thread time goes (CPU profile self time: whole stream; ms per token in tokens 500–1 500 and in the last 1 000 tokens):`);
      lines.push("");
      row(["what it was doing (from the stack)", "whole stream", "ms/token early", "ms/token late"]);
      row(["---", "---", "---", "---"]);
      for (const entry of r.attribution.purposes) {
        row([entry.label, ms(entry.all), (entry.early / 1000).toFixed(4), (entry.late / 1000).toFixed(4)]);
      }
      lines.push("");
      row(["library group (self time)", "whole stream", "ms/token early", "ms/token late"]);
      row(["---", "---", "---", "---"]);
      for (const entry of r.attribution.areas) {
        row([entry.label, ms(entry.all), (entry.early / 1000).toFixed(4), (entry.late / 1000).toFixed(4)]);
      }
      lines.push("");
      row(["library", "whole stream", "ms/token early", "ms/token late"]);
      row(["---", "---", "---", "---"]);
      for (const entry of r.attribution.libraries.slice(0, 16)) {
        row([entry.label, ms(entry.all), (entry.early / 1000).toFixed(4), (entry.late / 1000).toFixed(4)]);
      }
      lines.push("");
      lines.push(`Hottest functions of ${r.name} (self time):`);
      lines.push("");
      row(["function — source", "library", "whole stream", "ms/token early", "ms/token late", "source line"]);
      row(["---", "---", "---", "---", "---", "---"]);
      for (const entry of r.attribution.functions.slice(0, 20)) {
        row([`\`${entry.where}\``, entry.label, ms(entry.all), (entry.early / 1000).toFixed(4), (entry.late / 1000).toFixed(4), `\`${entry.snippet.slice(0, 90).replaceAll("|", "\\|").replaceAll("`", "'")}\``]);
      }
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Main

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
mkdirSync(saveDir, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), "parley-bench-browser-"));
const answer = markdownAnswer(tokens);
const warmUp = markdownAnswer(WARM_UP_TOKENS, 7);
const chunks = loadChunks(join(appDir, ".next/static/chunks"), sourceMapsDir ? resolve(root, String(sourceMapsDir)) : undefined);
if (sourceMapsDir && chunks.mapped === 0) console.error(`warning: no chunk of the app matches a chunk in ${sourceMapsDir}: functions stay unnamed.`);

const fakeUrl = await startFakeOpenAI();
const app = await startApp(fakeUrl, dataDir);
const appUrl = app.url;
const naive = pages.includes("naive") ? await startNaiveServer(fakeUrl) : undefined;
const browser = await chromium.launch({ executablePath: systemChromium, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();

const snapshotFile = join(appDir, ".bench-snapshot");
const snapshot = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8").trim() : undefined;
const header = [
  `# Long answers in the browser — ${new Date().toISOString()}`,
  `command: ${["node_modules/.bin/node", "bench/browser/long-answer.mjs", ...argv].join(" ")}`,
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}; Node ${process.version}; Chromium ${chromiumVersion} (headless, ${CHROMIUM_ARGS.join(" ")}); viewport ${VIEWPORT.width}×${VIEWPORT.height}`,
  `answer: ${tokens} deltas (${answer.text.length} characters of markdown) at ${rate} tokens/s (fake: ${tokenDelayMs} ms between deltas); CPU profile ${profile ? "on (500 µs sampling)" : "off"}${scrollAway ? "; the user scrolls up after 300 tokens (app)" : ""}`,
  `app: ${appDir === root ? "this checkout" : appDir}${snapshot ? ` (${snapshot})` : ""}, build ${buildId}; source maps: ${chunks.mapped}/${chunks.total} chunks`,
  `load average before: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`,
  "",
];
console.log(header.join("\n"));

const results = [];
let exitCode = 0;
try {
  for (const name of pages) {
    const url = name === "app" ? appUrl : naive?.url;
    if (!url) throw new Error(`Unknown page "${name}" (app or naive).`);
    console.error(`measuring ${name}: ${tokens} tokens, ≈ ${Math.round(tokens / rate)} s of streaming…`);
    try {
      results.push(await measurePage(name, { browser, url, fakeUrl, answer, warmUp, sources: name === "naive" ? naive?.sources : undefined }));
    } catch (error) {
      // The other page is still worth measuring.
      console.error(`${name}: ${error instanceof Error ? error.stack : error}`);
      exitCode = 1;
    }
  }
  if (results.length === 0) throw new Error("No page was measured.");
  const text = report(results);
  console.log(text);

  const verdicts = results.map((r) => {
    const taskOk = r.longestTaskMs <= TARGET_MAX_TASK_MS;
    const cpuNote = taskOk ? "" : ` (by CPU time ${r.longestTaskCpuMs.toFixed(0)} ms: ${r.longestTaskCpuMs <= TARGET_MAX_TASK_MS ? "the excess is waiting for a CPU" : "its own work"})`;
    const ratioOk = r.ratio <= TARGET_COST_RATIO;
    return `${r.name}: longest task ${r.longestTaskMs.toFixed(0)} ms (target ≤ ${TARGET_MAX_TASK_MS}: ${taskOk ? "met" : "NOT met"}${cpuNote}); per-token cost late/early ${r.ratio.toFixed(2)}× (target ≤ ${TARGET_COST_RATIO}: ${ratioOk ? "met" : "NOT met"})`;
  });
  console.log(`\n${verdicts.join("\n")}`);
  console.log(`load average after: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  if (results.some((r) => r.dataLoss)) console.log("WARNING: the trace buffer overflowed (data loss): figures are incomplete.");

  const rawFile = join(saveDir, `${stamp}-${quick ? "quick" : "full"}.json`);
  writeFileSync(rawFile, JSON.stringify({ header, results }, null, 1));
  console.error(`raw figures: ${rawFile}${results.some((r) => r.traceFile) ? `; traces (open in DevTools > Performance): ${results.map((r) => r.traceFile).filter(Boolean).join(", ")}` : ""}`);

  if (quick) {
    const app = results.find((r) => r.name === "app");
    if (app && app.early.frames > QUICK_MAX_FRAMES_PER_1000_TOKENS) {
      console.error(`FAIL: ${app.early.frames} frames changed the page per 1 000 tokens (over ${QUICK_MAX_FRAMES_PER_1000_TOKENS}): the updates are no longer batched.`);
      exitCode = 1;
    }
    if (app && app.longestTaskMs > QUICK_MAX_TASK_MS) {
      console.error(`FAIL: the longest task (${app.longestTaskMs.toFixed(0)} ms) is over ${QUICK_MAX_TASK_MS} ms.`);
      exitCode = 1;
    }
  }
} finally {
  await browser.close();
  naive?.close();
  stopChildren();
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
