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
  function MemoBlock({ token }: { token: Token }) {
    return <Block token={token} />;
  },
  (previous, next) => previous.token.raw === next.token.raw && previous.token.type === next.token.type,
);

/**
 * Renders model markdown (lists, code, tables, math) as it streams. Each update reads only the
 * end of the text again, and only blocks whose source changed render again. Math and code
 * colours load on first use (components/markdown/lazy-module.ts), so the page's first load
 * carries only the parser.
 */
export const Markdown = memo(function Markdown({ text, isStreaming }: MarkdownProps) {
  const [lex] = useState(createStreamingLexer);
  const blocks = useMemo(() => lex(text, isStreaming), [lex, text, isStreaming]);
  return (
    <div
      data-streaming={isStreaming || undefined}
      className="min-w-0 space-y-3 leading-relaxed break-words [&>*:first-child]:mt-0 [&>*:last-child]:mb-0 data-streaming:[&>:last-child]:after:content-['▋'] data-streaming:[&>:last-child]:after:ml-0.5 data-streaming:[&>:last-child]:after:inline"
    >
      {blocks.map((token, index) => (
        <MemoBlock key={index} token={token} />
      ))}
    </div>
  );
});
