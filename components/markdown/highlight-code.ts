import type { LanguageFn } from "highlight.js";
import { createLowlight } from "lowlight";
import "./code-colors.css";
import type { CodeLanguageName } from "./code-languages";

// Loaded only when an answer first holds a fenced code block with a language (code-block.tsx),
// and each language's grammar only when an answer is written in it. highlight.js's core with
// lowlight's tree output: the colours come as class names on text, never as HTML.

type GrammarModule = { default: LanguageFn };

const grammars: Record<CodeLanguageName, () => Promise<GrammarModule>> = {
  bash: () => import("highlight.js/lib/languages/bash"),
  c: () => import("highlight.js/lib/languages/c"),
  cpp: () => import("highlight.js/lib/languages/cpp"),
  csharp: () => import("highlight.js/lib/languages/csharp"),
  css: () => import("highlight.js/lib/languages/css"),
  diff: () => import("highlight.js/lib/languages/diff"),
  dockerfile: () => import("highlight.js/lib/languages/dockerfile"),
  go: () => import("highlight.js/lib/languages/go"),
  java: () => import("highlight.js/lib/languages/java"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  kotlin: () => import("highlight.js/lib/languages/kotlin"),
  latex: () => import("highlight.js/lib/languages/latex"),
  markdown: () => import("highlight.js/lib/languages/markdown"),
  php: () => import("highlight.js/lib/languages/php"),
  python: () => import("highlight.js/lib/languages/python"),
  ruby: () => import("highlight.js/lib/languages/ruby"),
  rust: () => import("highlight.js/lib/languages/rust"),
  sql: () => import("highlight.js/lib/languages/sql"),
  swift: () => import("highlight.js/lib/languages/swift"),
  typescript: () => import("highlight.js/lib/languages/typescript"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
};

const lowlight = createLowlight();

export type HighlightedCode = ReturnType<typeof lowlight.highlight>;
export type CodeHighlighter = (code: string) => HighlightedCode;

/** A highlighter for one of the languages code-languages.ts names, its grammar loaded first. */
export async function loadHighlighter(name: CodeLanguageName): Promise<CodeHighlighter> {
  const grammar = (await grammars[name]()).default;
  if (!lowlight.registered(name)) lowlight.register(name, grammar);
  return (code) => lowlight.highlight(name, code);
}
