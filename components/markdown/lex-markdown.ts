import { Marked, type Token } from "marked";
import remend from "remend";
import { mathExtensions } from "./math-syntax";

// Markdown to tokens with marked's lexer: a small parser that never builds HTML. The renderer
// (render-blocks.tsx) turns the tokens into React elements, so nothing the model writes can
// become markup of its own.

const finishedLexer = new Marked({ gfm: true, extensions: mathExtensions({ streaming: false }) });
const streamingLexer = new Marked({ gfm: true, extensions: mathExtensions({ streaming: true }) });

// While streaming, the unfinished end is completed (`**bold` → `**bold**`, a half-written link
// kept as text) so the answer never flashes markers. Math is left to the math syntax, which
// shows an unclosed formula as its TeX instead of a half-rendered one.
const remendOptions = { katex: false, inlineKatex: false, linkMode: "text-only" as const, htmlTags: false };

/** The answer's top-level blocks: paragraphs, lists, code, tables, display math… */
export function lexMarkdown(text: string, isStreaming: boolean): Token[] {
  const source = text.replace(/\r\n?/g, "\n");
  if (!isStreaming) return finishedLexer.lexer(source);
  return streamingLexer.lexer(remend(source, remendOptions));
}
