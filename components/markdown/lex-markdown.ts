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

/** A link reference definition (`[id]: url`) can change blocks before it: no reuse then. */
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

const normalize = (text: string) => text.replace(/\r\n?/g, "\n");

/**
 * `text` copied into a string of its own. JavaScript engines make a substring a view into the
 * string it was cut from, so a kept token cut from one update's text would keep that whole text
 * alive: one more copy of the answer for every block. Joining forces a new string, and the
 * slice of it is then a view into that copy alone.
 */
const detached = (text: string) => (" " + text).slice(1);

/** The answer's top-level blocks: paragraphs, lists, code, tables, display math… */
export function lexMarkdown(text: string, isStreaming: boolean): Token[] {
  const source = normalize(text);
  if (!isStreaming) return finishedLexer.lexer(source);
  return streamingLexer.lexer(remend(source, remendOptions));
}

export type StreamingLexer = (text: string, isStreaming: boolean) => Token[];

/**
 * lexMarkdown for one answer as it grows. Text only ever arrives at the end, and only the last
 * block can change then, so the blocks before it are kept from the previous call and only the
 * rest is read again: each update costs the end of the answer, not all of it, and so does the
 * last one, when the answer is done.
 */
export function createStreamingLexer(): StreamingLexer {
  let kept = { source: "", tokens: [] as Token[] };
  return (text, isStreaming) => {
    const source = normalize(text);
    if (LINK_DEFINITION.test(source)) {
      kept = { source: "", tokens: [] };
      return lexMarkdown(source, isStreaming);
    }
    if (!source.startsWith(kept.source)) kept = { source: "", tokens: [] };
    // The kept blocks were read as finished text already.
    if (!isStreaming) return [...kept.tokens, ...finishedLexer.lexer(source.slice(kept.source.length))];
    // The tokens are kept for the rest of the answer (and by the blocks on screen): cut them from
    // a copy of the part read, not from the whole text of this update.
    const rest = detached(source.slice(kept.source.length));
    // Where the finished blocks end, read without completion, whose changes would shift offsets.
    const restTokens = finishedLexer.lexer(rest);
    const lastBlock = restTokens.findLastIndex((token) => token.type !== "space");
    const finished = lastBlock > 0 ? restTokens.slice(0, lastBlock) : [];
    const finishedLength = finished.reduce((length, token) => length + token.raw.length, 0);
    let open = rest;
    if (finished.length > 0 && rest.startsWith(finished.map((token) => token.raw).join(""))) {
      // A view into this update's text, not a concatenation, which the next comparison would
      // copy whole again for every finished block.
      kept = { source: source.slice(0, kept.source.length + finishedLength), tokens: [...kept.tokens, ...finished] };
      open = rest.slice(finishedLength);
    }
    return [...kept.tokens, ...streamingLexer.lexer(remend(open, remendOptions))];
  };
}
