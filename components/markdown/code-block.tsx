"use client";

import { Fragment, useMemo, type ReactNode } from "react";
import { codeLanguageName, type CodeLanguageName } from "./code-languages";
import { CopyCodeButton } from "./copy-code-button";
import type { CodeHighlighter, HighlightedCode } from "./highlight-code";
import { awaitsExtras, lazyModule, useLazyModule, type LazyModule } from "./lazy-module";

const highlighters = new Map<CodeLanguageName, LazyModule<CodeHighlighter>>();

function highlighterModule(name: CodeLanguageName): LazyModule<CodeHighlighter> {
  let highlighter = highlighters.get(name);
  if (!highlighter) {
    highlighter = lazyModule(async () => (await import("./highlight-code")).loadHighlighter(name));
    highlighters.set(name, highlighter);
  }
  return highlighter;
}

type HighlightNode = HighlightedCode["children"][number];

/** The highlighter's tree as spans with its class names (coloured in markdown.css). */
function renderHighlighted(nodes: HighlightNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === "text") return <Fragment key={index}>{node.value}</Fragment>;
    if (node.type !== "element") return null;
    const className = node.properties.className;
    return (
      <span key={index} className={Array.isArray(className) ? className.join(" ") : undefined}>
        {renderHighlighted(node.children)}
      </span>
    );
  });
}

/** `caret`: the answer's last block while it streams (see components/chat/markdown.tsx). */
type CodeBlockProps = { code: string; language: string; caret?: boolean };

/**
 * A fenced code block: its language, a copy button, and the code, coloured once its language's
 * grammar has loaded (plain until then, and for languages the app does not know).
 */
export function CodeBlock({ code, language, caret }: CodeBlockProps) {
  const name = codeLanguageName(language);
  const highlight = useLazyModule(name ? highlighterModule(name) : undefined);
  const highlighted = useMemo(() => (highlight ? renderHighlighted(highlight(code).children) : undefined), [highlight, code]);
  return (
    <div data-testid="code-block" data-language={language || undefined} data-caret={caret || undefined} className="my-4 overflow-hidden rounded-lg border border-border">
      <div className="flex items-center justify-between gap-2 bg-muted px-3 py-1">
        <span className="font-mono text-xs text-muted-foreground">{language || "text"}</span>
        <CopyCodeButton code={code} />
      </div>
      <pre className="bg-background p-3 font-mono text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere] sm:p-4">
        <code data-highlighted={highlighted ? "true" : undefined} {...awaitsExtras(name !== undefined && !highlighted)} className="hljs">
          {highlighted ?? code}
        </code>
      </pre>
    </div>
  );
}
