// What a first visit costs: the JavaScript each page's first load transfers (compressed, as `next
// start` serves it) and when it paints (FCP, LCP) in Chromium with its CPU slowed 4×, as a phone's
// would be. See bench/README.md for the method and the results.
//
//   npm run build && node_modules/.bin/node bench/browser/first-load.mjs     (5 loads per page)
//   node_modules/.bin/node bench/browser/first-load.mjs --quick              (1 load per page; the guard)
//
// Options: --runs=N (loads per page), --throttle=N (CPU slowdown, default 4), --app-dir=<dir> (a
// built copy of the app to serve instead of this checkout, e.g. from prepare-snapshot.sh).
//
// Each load is a fresh browser context (nothing cached), as a first visit is. The pages: the empty
// chat (`/`), a stored chat of plain answers (`/chat/[id]`) and, for what the markdown extras cost
// when an answer needs them, a stored chat whose answers hold math and code. The bytes are counted
// again outside the browser with the browser's own Accept-Encoding, so they are the same on every
// run of one build; the paint times are the median of the runs. A load ends once the page's frame
// has hydrated and no script was asked for during a second; then the pointer moves over the page,
// and what the chat's own code adds until it is interactive is counted apart ("then on first use").
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startNextServer } from "../../test/support/next-server.ts";
import { arriveAtChat, CHROMIUM_ARGS, readOption, systemChromium, waitForHydration } from "./browser-options.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

const argv = process.argv.slice(2);
const option = (name, fallback) => readOption(argv, name, fallback);
const quick = option("quick", false) === true;
const runs = Number(option("runs", quick ? 1 : 5));
const throttle = Number(option("throttle", 4));
const appDir = resolve(root, String(option("app-dir", root)));
/**
 * The guard on the chat page's first load (bytes do not vary between runs of one build): the
 * issue's goal. It fails when the chat's own code, the markdown extras or another library come back
 * into what every page loads first (bench/README.md says where the bytes go).
 */
const MAX_CHAT_FIRST_LOAD_BYTES = 150 * 1024;
const VIEWPORT = { width: 1280, height: 800 };
const ACCEPT_ENCODING = "gzip, deflate, br, zstd";

if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer.");
if (!existsSync(join(appDir, ".next/BUILD_ID"))) {
  console.error(`No production build (${join(appDir, ".next/BUILD_ID")} is missing): run \`npm run build\` first.`);
  process.exit(2);
}
const buildId = readFileSync(join(appDir, ".next/BUILD_ID"), "utf8").trim();

// Paint and long-task entries, collected from the start of the page.
const probe = `(() => {
  const seen = { lcp: 0, longTasks: [] };
  window.__firstLoad = seen;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) seen.lcp = entry.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) seen.longTasks.push(entry.duration); }).observe({ type: "longtask", buffered: true });
})();`;

/** The body's bytes as sent (not decoded), and its encoding. */
function compressedSize(url) {
  return new Promise((done, fail) => {
    const request = httpRequest(url, { headers: { "accept-encoding": ACCEPT_ENCODING } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk) => (bytes += chunk.length));
      response.on("end", () => done({ bytes, encoding: response.headers["content-encoding"] ?? "identity" }));
      response.on("error", fail);
    });
    request.on("error", fail);
    request.end();
  });
}

/** A stored chat: the question sent in the app, the answer awaited. Returns its address. */
async function createChat(browser, baseUrl, questions) {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  for (const [index, question] of questions.entries()) {
    await page.getByTestId("composer-input").fill(question);
    await page.getByTestId("composer-input").press("Enter");
    await page.locator('[data-testid="message"][data-role="assistant"][data-status="done"]').nth(index).waitFor({ timeout: 60_000 });
  }
  await page.waitForURL(/\/chat\/[A-Za-z0-9_-]+$/);
  const url = new URL(page.url()).pathname;
  await page.close();
  return url;
}

/** Until no script has been asked for during a second. */
async function scriptsSettled(page, scripts) {
  for (let count = -1; count !== scripts.size; ) {
    count = scripts.size;
    await page.waitForTimeout(1_000);
  }
}

/** One first visit: the scripts it fetched until it was hydrated and quiet, and when it painted. */
async function loadOnce(browser, url, ready) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: probe });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    const scripts = new Set();
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.add(request.url());
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // Slowed down, the network can be idle before React has hydrated the page and asked for what
    // it loads on demand: wait for React's mark on the sidebar (the frame, hydrated on load), then
    // for what the page needs, then for a second without a new script.
    await waitForHydration(page, '[data-testid="sidebar"]');
    // A build without math or colours never gets there (the "before" of bench/README.md).
    let readyReached = true;
    for (const selector of ready ?? []) {
      await page.locator(selector).first().waitFor({ timeout: 20_000 }).catch(() => (readyReached = false));
    }
    await scriptsSettled(page, scripts);
    const firstLoad = [...scripts];
    // Then the user arrives (the pointer moves): what the chat's own code adds, once it is interactive.
    await arriveAtChat(page, VIEWPORT);
    await scriptsSettled(page, scripts);
    const onFirstUse = [...scripts].filter((script) => !firstLoad.includes(script));
    const timings = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
      lcp: window.__firstLoad.lcp,
      longTasks: window.__firstLoad.longTasks,
    }));
    return { scripts: firstLoad, onFirstUse, readyReached, ...timings };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function measure(browser, { name, url, ready }) {
  const loads = [];
  for (let run = 0; run < runs; run++) loads.push(await loadOnce(browser, url, ready));
  // Every load of one build fetches the same scripts; the union covers a late one.
  const scripts = [...new Set(loads.flatMap((load) => load.scripts))].sort();
  const sizes = await Promise.all(scripts.map(async (script) => ({ url: script, ...(await compressedSize(script)) })));
  const laterScripts = [...new Set(loads.flatMap((load) => load.onFirstUse))].filter((script) => !scripts.includes(script));
  const laterSizes = await Promise.all(laterScripts.map((script) => compressedSize(script)));
  const longTasks = loads.flatMap((load) => load.longTasks);
  return {
    name,
    url,
    scripts: sizes,
    bytes: sizes.reduce((total, script) => total + script.bytes, 0),
    bytesOnFirstUse: laterSizes.reduce((total, script) => total + script.bytes, 0),
    encodings: [...new Set(sizes.map((script) => script.encoding))],
    fcp: median(loads.map((load) => load.fcp)),
    lcp: median(loads.map((load) => load.lcp)),
    longestTask: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    readyReached: loads.every((load) => load.readyReached),
  };
}

const dataDir = await mkdtemp(join(tmpdir(), "parley-bench-first-load-"));
const app = await startNextServer({ cwd: appDir, dataDir, env: { OPENAI_API_KEY: "", LOG_LEVEL: "WARN" } });
const browser = await chromium.launch({ executablePath: systemChromium, args: CHROMIUM_ARGS });
let exitCode = 0;
try {
  const plainChat = await createChat(browser, app.url, ["Hello", "Why is the sky blue?"]);
  const extrasChat = await createChat(browser, app.url, ["Show me a math formula", "Write a TypeScript function that reverses a string"]);
  const pages = [
    { name: "empty chat (/)", path: "/" },
    { name: "stored chat of plain answers (/chat/[id])", path: plainChat },
    // Ready once the formulas are typeset and the code coloured: the extras have loaded.
    { name: "stored chat with math and code (/chat/[id])", path: extrasChat, ready: ['[data-testid="math"] >> nth=8', 'code[data-highlighted="true"]'] },
  ];
  const results = [];
  for (const page of pages) {
    console.error(`measuring ${page.name}: ${runs} load(s)…`);
    results.push(await measure(browser, { ...page, url: `${app.url}${page.path}` }));
  }

  console.log(
    [
      `# First load — ${new Date().toISOString()}`,
      `command: ${["node_modules/.bin/node", "bench/browser/first-load.mjs", ...argv].join(" ")}`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}; Node ${process.version}; Chromium ${browser.version()} (headless), CPU throttled ${throttle}×, viewport ${VIEWPORT.width}×${VIEWPORT.height}, a fresh context per load`,
      `app: ${appDir === root ? "this checkout" : appDir}, build ${buildId}; ${runs} load(s) per page; load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}`,
      "",
      "| page | JavaScript transferred (compressed) | scripts | encoding | FCP (median) | LCP (median) | long tasks (longest) | then on first use |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map(
        (r) =>
          `| ${r.name}${r.readyReached ? "" : " (math and colours never shown)"} | ${kb(r.bytes)} | ${r.scripts.length} | ${r.encodings.join(", ")} | ${r.fcp.toFixed(0)} ms | ${r.lcp.toFixed(0)} ms | ${r.longTasks} (${r.longestTask.toFixed(0)} ms) | + ${kb(r.bytesOnFirstUse)} |`,
      ),
      "",
      "Scripts of the stored chat of plain answers, largest first:",
      "",
      ...results[1].scripts
        .toSorted((a, b) => b.bytes - a.bytes)
        .map((script) => `- ${kb(script.bytes)} ${new URL(script.url).pathname}`),
    ].join("\n"),
  );

  // The chat pages without formulas or code (those load the extras at once, by design).
  for (const chat of results.slice(0, 2)) {
    console.log(`\n${chat.name}: first load ${kb(chat.bytes)} (goal and guard ≤ ${kb(MAX_CHAT_FIRST_LOAD_BYTES)})`);
    if (chat.bytes > MAX_CHAT_FIRST_LOAD_BYTES) {
      console.error(`FAIL: the first load of the ${chat.name} transfers ${kb(chat.bytes)} of JavaScript, over ${kb(MAX_CHAT_FIRST_LOAD_BYTES)}.`);
      exitCode = 1;
    }
  }
} finally {
  await browser.close();
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
