// Injected into the measured page before its own scripts (Playwright `addInitScript`). Records,
// with `performance.now()` times:
// - when each part of the answer became visible: on DOM changes, once per animation frame, the
//   last sentinel word (`t00420` = delta 420) at the end of the answer's rendered text;
// - the `longtask` and `long-animation-frame` entries (tasks / frames over 50 ms).
// It reads only the tail of the answer (≤ 400 characters), so its own cost does not grow with it.
(() => {
  const bench = { visible: [], updates: [], longTasks: [], longFrames: [], samples: 0 };
  window.__bench = bench;
  // Resolves when the last answer is done (data-status="done"): the harness waits on it instead of
  // polling the DOM with a selector (Playwright's polling would cost the page more as it grows).
  let finish;
  bench.finished = new Promise((resolve) => (finish = resolve));

  // Text nodes are joined with a space, so words of neighbouring elements never run together.
  const sentinelPattern = /\bt(\d{5})\b/g;
  const lastSentinel = (root) => {
    let node = root;
    while (node.lastChild) node = node.lastChild;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    let text = node.nodeType === Node.TEXT_NODE ? node.data : "";
    for (let previous = walker.previousNode(); previous && text.length < 400; previous = walker.previousNode()) {
      text = `${previous.data} ${text}`;
    }
    let found = -1;
    for (const match of text.matchAll(sentinelPattern)) {
      const index = Number(match[1]);
      if (index <= (bench.maxIndex ?? Infinity)) found = index;
    }
    return found;
  };

  let pending = false;
  let last = -1;
  const sample = () => {
    pending = false;
    bench.samples += 1;
    const answers = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
    const answer = answers[answers.length - 1];
    if (!answer) return;
    const texts = answer.querySelectorAll('[data-testid="message-text"]');
    const text = texts[texts.length - 1];
    if (!text) return;
    const now = performance.now();
    // One animation frame in which the page changed: [time, whole-message renders so far (naive page)].
    bench.updates.push([now, window.naiveRenders ?? 0]);
    const found = lastSentinel(text);
    if (found > last) {
      last = found;
      bench.visible.push([now, found]);
    }
    if (answer.getAttribute("data-status") === "done") {
      bench.doneAt ??= now;
      finish(now);
    }
  };
  const start = () => {
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(sample);
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  };
  if (document.documentElement) start();
  else document.addEventListener("readystatechange", start, { once: true });

  const observe = (type, into, map) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) into.push(map(entry));
      }).observe({ type, buffered: true });
    } catch {
      // This entry type is not supported here.
    }
  };
  observe("longtask", bench.longTasks, (entry) => ({ start: entry.startTime, duration: entry.duration }));
  observe("long-animation-frame", bench.longFrames, (entry) => ({
    start: entry.startTime,
    duration: entry.duration,
    blockingDuration: entry.blockingDuration,
    renderStart: entry.renderStart,
    styleAndLayoutStart: entry.styleAndLayoutStart,
    scripts: entry.scripts.map((script) => ({
      invoker: script.invoker,
      invokerType: script.invokerType,
      sourceURL: script.sourceURL,
      sourceFunctionName: script.sourceFunctionName,
      sourceCharPosition: script.sourceCharPosition,
      duration: script.duration,
      forcedStyleAndLayoutDuration: script.forcedStyleAndLayoutDuration,
    })),
  }));
})();
