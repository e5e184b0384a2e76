"use client";

import { memo, useMemo, useState } from "react";
import type { Token } from "marked";
import { createStreamingLexer } from "@/components/markdown/lex-markdown";
import { Block } from "@/components/markdown/render-blocks";

type MarkdownProps = {
  text: string;
  /** True while this text is still streaming in: unterminated markdown is completed, a caret shows. */
  isStreaming: boolean;
};

/** A block renders again only when its own source changed: while streaming, only the last one does. */
const MemoBlock = memo(
  function MemoBlock({ token, caret }: { token: Token; caret: boolean }) {
    return <Block token={token} caret={caret} />;
  },
  (previous, next) => previous.token.raw === next.token.raw && previous.token.type === next.token.type && previous.caret === next.caret,
);

/** Blocks that render nothing (blank lines, link definitions) cannot carry the caret. */
const showsNothing = (token: Token) => token.type === "space" || token.type === "def";

/**
 * Renders model markdown (lists, code, tables, math) as it streams. Each update reads only the
 * end of the text again, and only blocks whose source changed render again. Math and code
 * colours load on first use (components/markdown/lazy-module.ts), so the page's first load
 * carries only the parser.
 */
export const Markdown = memo(function Markdown({ text, isStreaming }: MarkdownProps) {
  const [lex] = useState(createStreamingLexer);
  const blocks = useMemo(() => lex(text, isStreaming), [lex, text, isStreaming]);
  // The caret is marked on the last block itself, not by an attribute of this element: that
  // attribute's removal at the end restyled every element of the answer in one task.
  const caretIndex = isStreaming ? blocks.findLastIndex((token) => !showsNothing(token)) : -1;
  return (
    <div className="min-w-0 space-y-3 leading-relaxed break-words [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 [&>[data-caret]]:after:ml-0.5 [&>[data-caret]]:after:inline [&>[data-caret]]:after:content-['▋']">
      {blocks.map((token, index) => (
        <MemoBlock key={index} token={token} caret={index === caretIndex} />
      ))}
    </div>
  );
});
