import katex from "katex";
import "katex/dist/katex.min.css";

// Loaded only when an answer first holds math (math-formula.tsx). KaTeX turns TeX into HTML it
// builds itself: with `trust: false` no \href, \url, \includegraphics or HTML-producing command
// is honoured, and the size and macro limits keep a hostile formula from freezing the page.

const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

export function renderMath(tex: string, display: boolean): string {
  const key = `${display ? "D" : "I"}${tex}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const html = katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    // What KaTeX cannot read shows as its TeX in red, readable on the light and the dark page.
    errorColor: "light-dark(#b91c1c, #fca5a5)",
    trust: false,
    strict: "ignore",
    maxSize: 50,
    maxExpand: 500,
    output: "htmlAndMathml",
  });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, html);
  return html;
}
