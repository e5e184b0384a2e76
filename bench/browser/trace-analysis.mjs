// Reads a Chromium performance trace (DevTools protocol `Tracing`, devtools.timeline categories):
// finds the page's renderer main thread, splits its time into categories (self time of each trace
// event, as the DevTools Performance panel does), and sums it per time window.

/** What `Tracing.start` records: the DevTools Performance panel's timeline categories. */
export const TRACE_CATEGORIES = [
  "-*",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "toplevel",
  "blink.user_timing",
  "v8.execute",
  "disabled-by-default-v8.gc",
];

/** Trace event name → category. Unlisted events inherit the category of the event they run in. */
const CATEGORY_OF = new Map(
  Object.entries({
    scripting: [
      "FunctionCall", "EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule", "v8.run", "V8.Execute",
      "v8.callFunction", "v8.produceCache", "v8.produceModuleCache", "v8.deserializeOnBackground", "CompileScript",
      "TimerFire", "TimerInstall", "TimerRemove", "EventDispatch", "FireAnimationFrame", "RequestAnimationFrame",
      "CancelAnimationFrame", "FireIdleCallback", "RequestIdleCallback", "RunMicrotasks", "XHRReadyStateChange", "XHRLoad",
      "V8.Execute", "v8.parseOnBackground", "v8.wasm.compiledModule",
    ],
    gc: ["MinorGC", "MajorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR", "V8.GC_MC_INCREMENTAL", "V8.GCScavenger", "BlinkGC.AtomicPhase", "ThreadState::performIdleLazySweep", "CppGC.AtomicMark", "CppGC.AtomicSweep", "CppGC.IncrementalMark", "CppGC.IncrementalSweep", "V8.GC_MC_BACKGROUND_EVACUATE_COPY", "V8.GCIncrementalMarking", "V8.GCFinalizeMC", "V8.GCCompactor"],
    style: ["UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation", "ParseAuthorStyleSheet"],
    layout: ["Layout", "InvalidateLayout"],
    "other rendering": ["PrePaint", "UpdateLayerTree", "HitTest", "ScrollLayer", "ComputeIntersections", "IntersectionObserverController::computeIntersections", "UpdateLayer", "LayoutShift"],
    "message pipes (native)": ["SimpleWatcher::OnHandleReady"],
    paint: ["Paint", "PaintImage", "PaintSetup", "Layerize", "Commit", "CompositeLayers", "Decode Image", "Decode LazyPixelRef", "RasterTask", "ImageDecodeTask"],
  }).flatMap(([category, names]) => names.map((name) => [name, category])),
);

/**
 * The categories, in report order. "message pipes (native)": Blink's handling of mojo pipes — the
 * response body's bytes and MessageChannel posts (React's scheduler runs its work in those) —
 * without the JavaScript they run; "other": task time outside any known event (scheduling, IPC).
 */
export const CATEGORIES = ["scripting", "gc", "style", "layout", "other rendering", "paint", "message pipes (native)", "other"];

const TASK_NAMES = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

/** What the analysis needs of a trace event (a slim copy), or undefined: a long trace is large. */
export function keptEvent(event) {
  const withArgs = event.ph === "M" || event.name === "TracingStartedInBrowser" || event.name === "FunctionCall" || event.name === "Layout";
  const kept = withArgs || event.cat === "blink.user_timing" || TASK_NAMES.has(event.name) || CATEGORY_OF.has(event.name);
  if (!kept) return undefined;
  const { name, cat, ph, ts, dur, tdur, pid, tid } = event;
  return { name, cat, ph, ts, dur, tdur, pid, tid, ...(withArgs ? { args: event.args } : {}) };
}

/** The renderer main thread that ran the page at `pageUrl` (its frame in TracingStartedInBrowser), else the busiest one. */
export function findMainThread(events, pageUrl) {
  const threadNames = new Map();
  for (const event of events) {
    if (event.ph === "M" && event.name === "thread_name") threadNames.set(`${event.pid}:${event.tid}`, event.args?.name);
  }
  const started = events.find((event) => event.name === "TracingStartedInBrowser");
  const origin = new URL(pageUrl).origin;
  const frame = started?.args?.data?.frames?.find((candidate) => candidate.url?.startsWith(origin) && !candidate.parent);
  const mains = [...threadNames].filter(([, name]) => name === "CrRendererMain").map(([key]) => key);
  let key = frame ? mains.find((candidate) => candidate.startsWith(`${frame.processId}:`)) : undefined;
  if (!key) {
    const busy = new Map();
    for (const event of events) {
      if (TASK_NAMES.has(event.name) && event.dur) {
        const id = `${event.pid}:${event.tid}`;
        busy.set(id, (busy.get(id) ?? 0) + event.dur);
      }
    }
    key = mains.sort((a, b) => (busy.get(b) ?? 0) - (busy.get(a) ?? 0))[0];
  }
  if (!key) throw new Error("No renderer main thread in the trace.");
  const [pid, tid] = key.split(":").map(Number);
  return { pid, tid };
}

/** B/E pairs of one thread as complete (X) events. */
function completeEvents(threadEvents) {
  const out = [];
  const open = [];
  for (const event of threadEvents) {
    if (event.ph === "X" && typeof event.dur === "number") out.push(event);
    else if (event.ph === "B") open.push(event);
    else if (event.ph === "E") {
      const begin = open.pop();
      if (begin) out.push({ ...begin, ph: "X", dur: event.ts - begin.ts });
    }
  }
  return out;
}

/**
 * The main thread's time, in µs of the trace clock: `tasks` (top-level tasks: start, duration) and
 * `selfTime` (1 ms buckets × category of self time), plus the FunctionCall events (for attribution).
 */
export function analyseMainThread(events, { pid, tid }) {
  const mine = events.filter((event) => event.pid === pid && event.tid === tid && event.ph !== "M");
  const complete = completeEvents(mine.sort((a, b) => a.ts - b.ts));
  // Both task event names can be present (nested, same span): keep one of them.
  const hasRunTask = complete.some((event) => event.name === "RunTask");
  const relevant = complete.filter(
    (event) => (TASK_NAMES.has(event.name) ? event.name === (hasRunTask ? "RunTask" : "ThreadControllerImpl::RunTask") : CATEGORY_OF.has(event.name) || event.name === "FunctionCall"),
  );
  relevant.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = relevant.filter((event) => TASK_NAMES.has(event.name)).map((event) => ({ ts: event.ts, dur: event.dur, tdur: event.tdur ?? event.dur }));

  const start = relevant[0]?.ts ?? 0;
  const end = relevant.reduce((latest, event) => Math.max(latest, event.ts + event.dur), start);
  const bucketUs = 1000;
  const buckets = Math.ceil((end - start) / bucketUs) + 1;
  const selfTime = Object.fromEntries(CATEGORIES.map((category) => [category, new Float64Array(buckets)]));
  const add = (from, to, category) => {
    if (to <= from) return;
    const series = selfTime[category];
    let cursor = from;
    while (cursor < to) {
      const bucket = Math.floor((cursor - start) / bucketUs);
      const bucketEnd = start + (bucket + 1) * bucketUs;
      const until = Math.min(to, bucketEnd);
      series[bucket] += until - cursor;
      cursor = until;
    }
  };

  // A sweep over nested events: each span of time goes to the innermost event's category.
  const stack = [];
  let cursor = start;
  const closeUntil = (time) => {
    while (stack.length > 0 && stack.at(-1).end <= time) {
      const top = stack.pop();
      add(cursor, top.end, top.category);
      cursor = top.end;
    }
  };
  for (const event of relevant) {
    closeUntil(event.ts);
    const parent = stack.at(-1);
    if (parent) add(cursor, event.ts, parent.category);
    cursor = event.ts;
    const eventEnd = Math.min(event.ts + event.dur, parent?.end ?? Infinity);
    const category = TASK_NAMES.has(event.name) ? "other" : (CATEGORY_OF.get(event.name) ?? parent?.category ?? "scripting");
    stack.push({ end: eventEnd, category });
  }
  closeUntil(Infinity);

  const functionCalls = relevant
    .filter((event) => event.name === "FunctionCall")
    .map((event) => ({ ts: event.ts, dur: event.dur, functionName: event.args?.data?.functionName ?? "", url: event.args?.data?.url ?? "", line: event.args?.data?.lineNumber, column: event.args?.data?.columnNumber }));

  return {
    tasks,
    functionCalls,
    /** Per trace event name in [from, to]: count, wall and CPU (thread) time, inclusive; Layout's object counts. */
    eventsBetween(from, to) {
      const stats = {};
      let layoutObjects = 0;
      let dirtyObjects = 0;
      let layouts = 0;
      for (const event of relevant) {
        if (event.ts < from || event.ts >= to || TASK_NAMES.has(event.name)) continue;
        const entry = (stats[event.name] ??= { count: 0, wallMs: 0, cpuMs: 0 });
        entry.count += 1;
        entry.wallMs += event.dur / 1000;
        entry.cpuMs += (event.tdur ?? event.dur) / 1000;
        const begin = event.name === "Layout" ? event.args?.beginData : undefined;
        if (begin) {
          layouts += 1;
          layoutObjects += begin.totalObjects ?? 0;
          dirtyObjects += begin.dirtyObjects ?? 0;
        }
      }
      return { stats, layoutTotalObjects: layoutObjects / Math.max(1, layouts), layoutDirtyObjects: dirtyObjects / Math.max(1, layouts) };
    },
    /** Self time per category between two trace timestamps (µs). */
    timeBetween(from, to) {
      const out = Object.fromEntries(CATEGORIES.map((category) => [category, 0]));
      const first = Math.max(0, Math.floor((from - start) / bucketUs));
      const last = Math.min(buckets - 1, Math.floor((to - start) / bucketUs));
      for (let bucket = first; bucket <= last; bucket += 1) {
        // Partial buckets at the edges count in proportion.
        const bucketStart = start + bucket * bucketUs;
        const overlap = (Math.min(to, bucketStart + bucketUs) - Math.max(from, bucketStart)) / bucketUs;
        if (overlap <= 0) continue;
        for (const category of CATEGORIES) out[category] += selfTime[category][bucket] * overlap;
      }
      return out;
    },
    /** CPU time (thread time) of the tasks in [from, to] (µs); a task on the edge counts in proportion. */
    threadTimeBetween(from, to) {
      let total = 0;
      for (const task of tasks) {
        const overlap = Math.min(to, task.ts + task.dur) - Math.max(from, task.ts);
        if (overlap > 0 && task.dur > 0) total += task.tdur * (overlap / task.dur);
      }
      return total;
    },
    /** The top-level tasks that overlap [from, to]. */
    tasksBetween(from, to) {
      return tasks.filter((task) => task.ts + task.dur > from && task.ts < to);
    },
  };
}

/** The first user-timing event with this name (its trace timestamp, µs). */
export function markTimestamp(events, name) {
  return events.find((event) => event.cat === "blink.user_timing" && event.name === name)?.ts;
}
