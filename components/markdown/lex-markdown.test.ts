import { describe, expect, it } from "vitest";
import { createStreamingLexer, lexMarkdown } from "./lex-markdown";
import type { MathToken } from "./math-syntax";

type AnyToken = { type: string; tokens?: AnyToken[] };

/** Every math token, at any depth. */
function mathTokens(text: string, isStreaming = false): MathToken[] {
  const found: MathToken[] = [];
  const visit = (tokens: AnyToken[] | undefined) => {
    for (const token of tokens ?? []) {
      if (token.type === "math") found.push(token as unknown as MathToken);
      visit(token.tokens);
    }
  };
  visit(lexMarkdown(text, isStreaming) as AnyToken[]);
  return found;
}

describe("lexMarkdown", () => {
  it("finds inline math written with dollars or parentheses, and leaves money alone", () => {
    const math = mathTokens("Costs $5 and $10, or $5-$10. Energy $E = mc^2$ and \\(a+b\\).");
    expect(math.map(({ tex, display }) => ({ tex, display }))).toEqual([
      { tex: "E = mc^2", display: false },
      { tex: "a+b", display: false },
    ]);
  });

  it("finds display math on its own lines and inside a paragraph", () => {
    const blocks = lexMarkdown("Before\n\n$$\n\\int_0^1 x\\,dx = \\frac12\n$$\n\nAfter \\[x^2\\] and $$y$$.", false);
    expect(blocks.map((block) => block.type)).toEqual(["paragraph", "space", "math", "paragraph"]);
    expect(mathTokens("$$\n\\frac12\n$$").map(({ tex, display }) => ({ tex, display }))).toEqual([{ tex: "\\frac12", display: true }]);
    expect(mathTokens("After \\[x^2\\] and $$y$$.").map(({ tex }) => tex)).toEqual(["x^2", "y"]);
  });

  it("keeps TeX's underscores and stars out of emphasis", () => {
    const [math] = mathTokens("Sum $a_1 * b_2 * c$ done");
    expect(math?.tex).toBe("a_1 * b_2 * c");
  });

  it("shows an unclosed display formula as incomplete while streaming, and as text once finished", () => {
    expect(mathTokens("Before\n\n$$\n\\frac{a}{", true)).toEqual([expect.objectContaining({ incomplete: true, display: true, tex: "\\frac{a}{" })]);
    expect(mathTokens("Before\n\n$$\n\\frac{a}{", false)).toEqual([]);
  });

  it("never reads math inside code", () => {
    expect(mathTokens("```ts\nconst price = `$a$`;\n```\n\nand `$b$` inline")).toEqual([]);
  });

  it("completes unfinished emphasis while streaming and keeps a half-written link as text", () => {
    const [paragraph] = lexMarkdown("Some **bold and [a link](https://exa", true) as AnyToken[];
    expect(paragraph?.tokens?.map((token) => token.type)).toEqual(["text", "strong"]);
    expect(JSON.stringify(paragraph)).not.toContain('"type":"link"');
  });

  it("keeps an unclosed code fence as code while streaming", () => {
    const [code] = lexMarkdown("```python\nprint('hi')\n", true);
    expect(code).toMatchObject({ type: "code", lang: "python", text: "print('hi')" });
  });
});

describe("lexMarkdown: display math right after a paragraph line", () => {
  it("cuts the paragraph before the formula, as after a blank line", () => {
    const blocks = lexMarkdown("The roots are\n$$\nx = 1\n$$\nand more.", false);
    expect(blocks.map((block) => block.type)).toEqual(["paragraph", "math", "paragraph"]);
  });
});

describe("createStreamingLexer", () => {
  const strip = (tokens: unknown) => JSON.parse(JSON.stringify(tokens, (key, value) => (key === "raw" ? undefined : value)));

  it("gives, at every step of a growing answer, the blocks of reading it whole", () => {
    const answer = [
      "# Title\n\nSome **bold** text and $x^2$.\n\n",
      "- one\n- two\n\n  continued\n\n",
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
      "```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n",
      "$$\n\\frac12\n$$\n\nSetext\n===\n\n> quote\nlazy line\n\nThe end.",
    ].join("");
    const lex = createStreamingLexer();
    for (let end = 1; end <= answer.length; end += 3) {
      const text = answer.slice(0, end);
      expect(strip(lex(text, true)), `after ${end} characters`).toEqual(strip(lexMarkdown(text, true)));
    }
    expect(strip(lex(answer, false))).toEqual(strip(lexMarkdown(answer, false)));
  });

  it("reads only the end again when the answer is done", () => {
    const lex = createStreamingLexer();
    const streamed = lex("# Title\n\nA paragraph.\n\n- one\n- tw", true);
    const done = lex("# Title\n\nA paragraph.\n\n- one\n- two\n\nThe end.", false);
    expect(done[0]).toBe(streamed[0]);
    expect(done[2]).toBe(streamed[2]);
    expect(strip(done)).toEqual(strip(lexMarkdown("# Title\n\nA paragraph.\n\n- one\n- two\n\nThe end.", false)));
  });

  it("starts over when the text is not a continuation, or defines link references", () => {
    const lex = createStreamingLexer();
    lex("First paragraph.\n\nSecond", true);
    expect(strip(lex("Another answer.\n\nAnd", true))).toEqual(strip(lexMarkdown("Another answer.\n\nAnd", true)));
    const withReference = "See [the docs][d].\n\nMore.\n\n[d]: https://example.com\n";
    expect(strip(lex(withReference, true))).toEqual(strip(lexMarkdown(withReference, true)));
  });
});
