import { describe, expect, it } from "vitest";
import { MAX_SEARCH_WORDS, parseSearchQuery, textMatches, wordsOf } from "./search-terms";

describe("parseSearchQuery", () => {
  it("keeps the words, folded, the last one as a prefix", () => {
    expect(parseSearchQuery("  Weather in PARÍS ")).toEqual({ words: ["weather", "in"], prefix: "paris" });
    expect(parseSearchQuery("l'été")).toEqual({ words: ["l"], prefix: "ete" });
  });

  it("reads operators and quotes as separators, and finds nothing in punctuation alone", () => {
    expect(parseSearchQuery('"paris" OR NEAR(tokyo*)')).toEqual({ words: ["paris", "or", "near"], prefix: "tokyo" });
    for (const query of ["", " ", '"', "*", "()", "-:^", "🙂"]) expect(parseSearchQuery(query), query).toBeUndefined();
  });

  it("reads at most MAX_SEARCH_WORDS words", () => {
    const terms = parseSearchQuery(Array.from({ length: 30 }, (_, index) => `w${index}`).join(" "));
    expect((terms?.words.length ?? 0) + 1).toBe(MAX_SEARCH_WORDS);
  });
});

describe("textMatches", () => {
  const terms = (query: string) => {
    const parsed = parseSearchQuery(query);
    if (!parsed) throw new Error("no words");
    return parsed;
  };

  it("needs every word, whole, and the last as the start of a word", () => {
    expect(textMatches(terms("sunny medit"), "Sunny and Mediterranean")).toBe(true);
    expect(textMatches(terms("sun medit"), "Sunny and Mediterranean")).toBe(false);
    expect(textMatches(terms("iterranean"), "Mediterranean")).toBe(false);
  });

  it("ignores case and accents on both sides", () => {
    expect(textMatches(terms("CAFE"), "un café")).toBe(true);
    expect(textMatches(terms("café"), "CAFE")).toBe(true);
  });
});

describe("wordsOf", () => {
  it("gives each word's place in the original text", () => {
    const text = "Ünïcode, 2 words";
    expect(wordsOf(text).map(({ start, end, folded }) => [text.slice(start, end), folded])).toEqual([
      ["Ünïcode", "unicode"],
      ["2", "2"],
      ["words", "words"],
    ]);
  });
});
