// How search reads a text and a query: words are runs of letters and digits, compared lower-cased
// and without accents, as SQLite's FTS5 `unicode61` tokenizer (with `remove_diacritics 2`) splits
// them, so both adapters find and mark the same words.

const WORD = /[\p{L}\p{M}\p{N}\p{Co}]+/gu;

/** Most words of a query that are searched for; the rest are ignored. */
export const MAX_SEARCH_WORDS = 12;

/** A word of a text: where it stands, and its folded form for comparing. */
export type TextWord = { start: number; end: number; folded: string };

/**
 * What a query asks for: every word, the last one as the start of a word (the user may still be
 * typing it). Never empty: a query without a letter or digit asks for nothing.
 */
export type SearchTerms = { words: readonly string[]; prefix: string };

const foldWord = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function wordsOf(text: string): TextWord[] {
  return Array.from(text.matchAll(WORD), (match) => ({ start: match.index, end: match.index + match[0].length, folded: foldWord(match[0]) })).filter(
    (word) => word.folded.length > 0,
  );
}

/** The query's words, or undefined when it has none (only punctuation, quotes, operators…). */
export function parseSearchQuery(query: string): SearchTerms | undefined {
  const folded = wordsOf(query)
    .map((word) => word.folded)
    .slice(0, MAX_SEARCH_WORDS);
  const prefix = folded.at(-1);
  return prefix === undefined ? undefined : { words: folded.slice(0, -1), prefix };
}

/** Whether this word of a text is one the query asks for. */
export const isSearchedWord = (terms: SearchTerms, folded: string) => folded.startsWith(terms.prefix) || terms.words.includes(folded);

/** Whether the text holds every word of the query (the last one as the start of a word). */
export function textMatches(terms: SearchTerms, text: string): boolean {
  const folded = wordsOf(text).map((word) => word.folded);
  return folded.some((word) => word.startsWith(terms.prefix)) && terms.words.every((wanted) => folded.includes(wanted));
}
