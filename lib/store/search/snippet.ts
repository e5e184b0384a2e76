import type { SnippetPart } from "../chat-store";
import { type SearchTerms, isSearchedWord, wordsOf } from "./search-terms";

// A short piece of a text around the first word a query matched, with the matched words marked as
// data (never markup): the UI renders each part as text.

/** Longest snippet, in characters, before the ellipses. */
const SNIPPET_LENGTH = 180;
/** How much of the text before the first match the snippet shows. */
const CONTEXT_BEFORE = 60;

export function snippetOf(markdown: string, terms: SearchTerms): SnippetPart[] {
  const text = withoutMarkdown(markdown);
  const words = wordsOf(text);
  const firstMatch = words.find((word) => isSearchedWord(terms, word.folded));
  const from = firstMatch ? startOfWindow(text, firstMatch.start) : 0;
  const to = endOfWindow(text, from);
  const parts: SnippetPart[] = [];
  const push = (part: string, match: boolean) => {
    const flat = part.replace(/\s+/g, " ");
    if (flat) parts.push({ text: flat, match });
  };
  if (from > 0) push("…", false);
  let position = from;
  for (const word of words) {
    if (word.start < from || word.end > to || !isSearchedWord(terms, word.folded)) continue;
    push(text.slice(position, word.start), false);
    push(text.slice(word.start, word.end), true);
    position = word.end;
  }
  push(text.slice(position, to), false);
  if (to < text.length) push("…", false);
  return trimEnds(parts);
}

/**
 * The text without the Markdown markers that say how to show it (bold, code, headings, list items,
 * quotes): a snippet is read as plain text. Markers are never part of a word, so no match is lost.
 */
function withoutMarkdown(text: string): string {
  return text
    .replace(/```[^\n]*/g, " ")
    .replace(/\*\*|~~|`/g, "")
    .replace(/^[ \t]*(?:#{1,6}|[-*+]|>|\d+[.)])[ \t]+/gm, "");
}

/** Some context before the match, starting at a word rather than inside one. */
function startOfWindow(text: string, matchStart: number): number {
  if (matchStart <= CONTEXT_BEFORE) return 0;
  const space = text.slice(matchStart - CONTEXT_BEFORE, matchStart).search(/\s/);
  return space === -1 ? matchStart : matchStart - CONTEXT_BEFORE + space + 1;
}

/** At most SNIPPET_LENGTH characters, cut after a word where one ends near the limit. */
function endOfWindow(text: string, from: number): number {
  const limit = from + SNIPPET_LENGTH;
  if (limit >= text.length) return text.length;
  const lastSpace = text.slice(from, limit).search(/\s\S*$/);
  return lastSpace > SNIPPET_LENGTH / 2 ? from + lastSpace : limit;
}

function trimEnds(parts: SnippetPart[]): SnippetPart[] {
  const first = parts[0];
  if (first && !first.match) parts[0] = { ...first, text: first.text.trimStart() };
  const last = parts.at(-1);
  if (last && !last.match) parts[parts.length - 1] = { ...last, text: last.text.trimEnd() };
  return parts.filter((part) => part.text.length > 0);
}
