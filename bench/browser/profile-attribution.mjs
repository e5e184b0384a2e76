// Which JavaScript the main thread ran: self time of a CPU profile (DevTools protocol `Profiler`)
// by library and by function, in time windows of the trace clock (which the profile shares).
//
// The app's production chunks are minified and scope-hoisted (streamdown, unified, micromark and
// marked share one Turbopack module), so names come from source maps when given: a second build
// of the same sources with `productionBrowserSourceMaps: true` (see prepare-snapshot.sh) has
// byte-identical chunks plus `.map` files; a chunk is matched to its twin by content. Without
// maps, a function is labelled by fingerprints (strings that survive minification) — a guess.
// The naive page's bundle is not minified: esbuild's `// node_modules/…` comments name its modules.
import { readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";

/** Without source maps: function source → library. First match wins. */
const FINGERPRINTS = [
  ["react-dom", /react\.dev\/errors|__reactFiber|__reactProps|pendingLanes|memoizedState|memoizedProps|\.alternate|\.stateNode/],
  ["marked", /this\.rules\.(block|inline)|inlineTokens|blockTokens|emStrongLDelim/],
  ["micromark", /codeFenced|chunkFlow|chunkText|lineEnding|linePrefix|attentionSequence|_tokenizer|sliceSerialize|subtokenize/],
  ["AI SDK", /text-delta|ui-message|messageMetadata|toolCallId|step-start/],
];

/** Labels for the special nodes of a V8 CPU profile. */
const SPECIAL = {
  "(garbage collector)": "(V8 garbage collector)",
  "(program)": "(program: native work outside JavaScript — style, layout, paint, stream plumbing)",
  "(root)": "(root)",
};

const stripMapComment = (code) => code.replace(/\n*\/\/# sourceMappingURL=\S+\s*$/, "").trimEnd();

/**
 * Source maps for the measured chunks: `chunksDir` (the measured build's `.next/static/chunks`)
 * and `mapsDir` (the same sources built with browser source maps). A measured chunk whose twin has
 * the same content uses the twin's map; one that differs a little (Turbopack adds or drops an
 * import line between the two builds) is looked up by the text at each function's start.
 */
export function loadChunks(chunksDir, mapsDir) {
  const read = (dir) => {
    try {
      return readdirSync(dir).filter((file) => file.endsWith(".js"));
    } catch {
      return [];
    }
  };
  const twins = [];
  for (const file of mapsDir ? read(mapsDir) : []) {
    const raw = readFileSync(join(mapsDir, file), "utf8");
    const mapFile = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(raw)?.[1];
    if (!mapFile) continue;
    const payload = JSON.parse(readFileSync(join(mapsDir, mapFile), "utf8"));
    const code = stripMapComment(raw);
    twins.push({
      code,
      lineStarts: lineStartsOf(code),
      sourceMap: new SourceMap(payload),
      sources: new Map(payload.sources.map((source, index) => [source, payload.sourcesContent?.[index]])),
    });
  }
  const chunks = new Map();
  let mapped = 0;
  for (const file of read(chunksDir)) {
    const code = readFileSync(join(chunksDir, file), "utf8");
    const twin = twins.find((candidate) => candidate.code === stripMapComment(code));
    if (twin) mapped += 1;
    chunks.set(file, { code, lineStarts: lineStartsOf(code), twin, twins });
  }
  return { chunks, mapped, total: chunks.size, twins: twins.length };
}

/** The original position of a function that starts at `offset` of a measured chunk, if a map knows it. */
function originalOf(chunk, lineNumber, columnNumber, offset) {
  const lookup = (twin, line, column) => {
    const entry = twin.sourceMap.findEntry(line, column);
    return entry?.originalSource ? { entry, twin } : undefined;
  };
  if (chunk.twin) return lookup(chunk.twin, lineNumber, columnNumber);
  // By text: the first 100 characters of the function, if they occur exactly once in the twins.
  for (const length of [100, 300]) {
    const needle = chunk.code.slice(offset, offset + length);
    const hits = [];
    for (const twin of chunk.twins) {
      for (let at = twin.code.indexOf(needle); at !== -1 && hits.length < 2; at = twin.code.indexOf(needle, at + 1)) hits.push({ twin, at });
    }
    if (hits.length === 1) {
      const [{ twin, at }] = hits;
      const line = upperBound(twin.lineStarts, at) - 1;
      return lookup(twin, line, at - twin.lineStarts[line]);
    }
    if (hits.length === 0) return undefined;
  }
  return undefined;
}

/** The number of sorted `values` that are ≤ `value`. */
function upperBound(values, value) {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function lineStartsOf(code) {
  const starts = [0];
  for (let index = code.indexOf("\n"); index !== -1; index = code.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}

/** `node_modules/micromark/lib/x.js` → `micromark` (React inside Next: `react-dom`); a project file stays a path. */
const libraryOf = (path) => {
  const match = /node_modules\/(?:next\/dist\/compiled\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1];
  return path.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^\.\.?\//, "");
};

/** Libraries grouped by the job they do for a streamed answer. */
const AREAS = [
  ["AI SDK: reading the stream, updating the message (per chunk)", /^(ai|@ai-sdk\/.*|eventsource-parser|zod|secure-json-parse)$/],
  ["markdown: marked + remend, KaTeX, highlight.js (streamdown + unified/micromark/mdast/hast before issue 17)", /^(streamdown|remend|marked|katex|lowlight|highlight\.js|unified|bail|trough|vfile.*|devlop|micromark.*|mdast.*|remark.*|rehype.*|hast.*|unist.*|property-information|space-separated-tokens|comma-separated-tokens|html-url-attributes|decode-named-character-reference|character-entities.*|ccount|markdown-table|longest-streak|zwitch|estree-util.*|style-to-js|style-to-object|inline-style-parser|trim-lines|extend|is-plain-obj|web-namespaces|tailwind-merge|clsx|html-void-elements|hastscript|mdurl|escape-string-regexp)$/],
  ["React (reconciler, commit, scheduler)", /^(react|react-dom|scheduler)$/],
  ["the app's components", /^components\//],
  ["Next.js client", /^next$/],
  ["V8 garbage collector", /garbage collector/],
  ["native work outside JavaScript (style, layout, paint, stream plumbing)", /^\(program/],
  ["browser built-ins called from JavaScript (DOM, timers, regular expressions)", /^\(browser built-ins/],
];
export const areaOf = (library) => AREAS.find(([, pattern]) => pattern.test(library))?.[0] ?? "other";

/** A name for an original source line: the function declared there, else the line itself. */
const nameOnLine = (line) => {
  const match =
    /function\*?\s+([\w$]+)/.exec(line) ??
    /([\w$]+)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/.exec(line) ??
    /^\s*(?:static\s+|async\s+|get\s+|set\s+)*([\w$#]+)\s*\([^)]*\)\s*\{/.exec(line);
  return match?.[1];
};

/** esbuild's unminified bundle: `// node_modules/marked/lib/marked.esm.js` before each module. */
function esbuildModules(code) {
  return [...code.matchAll(/^\s*\/\/ (\S+\.(?:m?js|cjs|tsx?))$/gm)].map((match) => ({ start: match.index, path: match[1] }));
}

/**
 * Self time (ms) by library and by function in each window ({ name: [fromUs, toUs] }, trace clock).
 * `chunks` from loadChunks (the app), `sources` (url → code) for other scripts (the naive bundle).
 */
export function attributeProfile(profile, { chunks = new Map(), sources = new Map(), windows }) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const windowNames = Object.keys(windows);
  const byLibrary = new Map();
  const byFunction = new Map();
  const described = new Map();

  const describe = (node) => {
    if (described.has(node.id)) return described.get(node.id);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let result;
    if (functionName === "(idle)") result = undefined;
    else if (!url && SPECIAL[functionName]) result = { library: SPECIAL[functionName], where: functionName, snippet: "" };
    else if (!url) {
      const where = functionName.startsWith("RegExp:") ? `${functionName.slice(0, 60)}… (a regular expression)` : functionName || "(anonymous)";
      result = { library: "(browser built-ins called from JavaScript)", where, snippet: "" };
    }
    else {
      const file = url.split("/").at(-1)?.split("?")[0] ?? url;
      const chunk = chunks.get(file);
      const code = chunk?.code ?? sources.get(url);
      const lineStarts = chunk?.lineStarts ?? (code ? lineStartsOf(code) : undefined);
      const offset = lineStarts ? (lineStarts[lineNumber] ?? 0) + columnNumber : -1;
      const found = chunk && offset >= 0 ? originalOf(chunk, lineNumber, columnNumber, offset) : undefined;
      if (found) {
        const { entry, twin } = found;
        const originalLine = twin.sources.get(entry.originalSource)?.split("\n")[entry.originalLine] ?? "";
        // A minified dependency has long lines: the text around the function's own column.
        const original = originalLine.length > 200 ? originalLine.slice(Math.max(0, entry.originalColumn - 60), entry.originalColumn + 140) : originalLine;
        const name = nameOnLine(original) ?? functionName;
        result = {
          library: libraryOf(entry.originalSource),
          where: `${name || "(anonymous)"} — ${entry.originalSource.replace(/^turbopack:\/\/\/\[project\]\/(node_modules\/)?/, "")}:${entry.originalLine + 1}`,
          snippet: original.trim().slice(0, 160),
        };
      } else if (code && !chunk) {
        const bundled = esbuildModules(code).filter((candidate) => candidate.start <= offset).at(-1);
        const library = bundled ? libraryOf(bundled.path) : "(page's own code)";
        result = { library, where: `${functionName || "(anonymous)"} — ${bundled?.path ?? file}`, snippet: code.slice(offset, offset + 160).replace(/\s+/g, " ") };
      } else {
        const text = code && offset >= 0 ? code.slice(offset, offset + 2_000) : "";
        const guess = FINGERPRINTS.find(([, pattern]) => pattern.test(text))?.[0];
        result = {
          library: guess ? `${guess} (guessed: no source map)` : `${file} (no source map)`,
          where: `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}:${columnNumber + 1}`,
          snippet: text.slice(0, 160).replace(/\s+/g, " "),
        };
      }
    }
    described.set(node.id, result);
    return result;
  };

  const add = (map, key, base, window, ms) => {
    let entry = map.get(key);
    if (!entry) {
      entry = { ...base, ...Object.fromEntries(windowNames.map((name) => [name, 0])) };
      map.set(key, entry);
    }
    entry[window] += ms;
  };

  // Inclusive view: what each sample was done for, from the frames on its stack.
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const purposes = new Map();
  const purposeOf = (node) => {
    if (purposes.has(node.id)) return purposes.get(node.id);
    const own = describe(node);
    const libraries = [];
    for (let id = node.id; id !== undefined; id = parents.get(id)) {
      const frame = nodes.get(id);
      const found = frame && describe(frame);
      if (found) libraries.push(found.library);
    }
    const has = (pattern) => libraries.some((library) => pattern.test(library));
    let purpose;
    if (!own) purpose = undefined;
    else if (/^\((V8 garbage|program)/.test(own.library)) purpose = own.library;
    else if (has(/^react-dom$/)) purpose = areaOf(own.library).startsWith("markdown") ? "React render: markdown work inside components (remend, streamdown, marked, unified…)" : "React render & commit (reconciler, DOM updates, effects)";
    else if (has(/^components\/chat\/use-auto-scroll/)) purpose = "auto-scroll (ResizeObserver callback)";
    else if (has(/^(ai|@ai-sdk\/.*|eventsource-parser)$/)) purpose = "reading the stream and updating the message (AI SDK), outside React";
    else if (has(/^components\//)) purpose = "the app's components, outside React rendering";
    else if (has(/^(next|scheduler)$/)) purpose = "Next.js / React scheduler";
    else if (has(/naive-chat/)) purpose = "the naive page's own code (reading the stream)";
    else purpose = "other JavaScript (browser built-ins, the benchmark's probe, …)";
    purposes.set(node.id, purpose);
    return purpose;
  };
  const byPurpose = new Map();

  let time = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    time += profile.timeDeltas[index] ?? 0;
    const node = nodes.get(nodeId);
    const found = node && describe(node);
    if (!found) return;
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    for (const name of windowNames) {
      const [from, to] = windows[name];
      if (time < from || time >= to) continue;
      add(byLibrary, found.library, { label: found.library }, name, ms);
      add(byFunction, found.where, { label: found.library, where: found.where, snippet: found.snippet }, name, ms);
      add(byPurpose, purposeOf(node), { label: purposeOf(node) }, name, ms);
    }
  });
  const sortKey = windowNames.includes("all") ? "all" : windowNames[0];
  const sorted = (map) => [...map.values()].sort((a, b) => b[sortKey] - a[sortKey]);
  const byArea = new Map();
  for (const entry of byLibrary.values()) {
    const area = areaOf(entry.label);
    for (const name of windowNames) add(byArea, area, { label: area }, name, entry[name]);
  }
  return { purposes: sorted(byPurpose), areas: sorted(byArea), libraries: sorted(byLibrary), functions: sorted(byFunction).slice(0, 40) };
}
