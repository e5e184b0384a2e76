import { describe, expect, it } from "vitest";
import type { SnippetPart } from "../chat-store";
import { parseSearchQuery } from "./search-terms";
import { snippetOf } from "./snippet";

const marked = (parts: SnippetPart[]) => parts.map((part) => (part.match ? `[${part.text}]` : part.text)).join("");

function snippet(text: string, query: string) {
  const terms = parseSearchQuery(query);
  if (!terms) throw new Error("no words");
  return snippetOf(text, terms);
}

describe("snippetOf", () => {
  it("marks every searched word, the last one as a prefix", () => {
    expect(marked(snippet("Paris is sunny; Paris is warm.", "sunny par"))).toBe("[Paris] is [sunny]; [Paris] is warm.");
  });

  it("cuts a long text around the first match, at word boundaries, with ellipses", () => {
    const before = Array.from({ length: 30 }, (_, index) => `before${index}`).join(" ");
    const after = Array.from({ length: 30 }, (_, index) => `after${index}`).join(" ");
    const text = marked(snippet(`${before} needle ${after}`, "needle"));
    expect(text).toMatch(/^…before\d+ .* \[needle\] after0 .* after\d+…$/);
    expect(text.length).toBeLessThanOrEqual(190);
  });

  it("starts at the beginning when the match is near it, flattens line breaks and drops Markdown's markers", () => {
    expect(marked(snippet("# Title\n\nThe **answer**, `code`\n- one\n2. two\n> quoted\n```ts\nconst x_y = 1 - 2;\n```", "answer"))).toBe(
      "Title The [answer], code one two quoted const x_y = 1 - 2;",
    );
  });

  it("gives the start of the text when nothing matches", () => {
    expect(marked(snippet("nothing here", "absent"))).toBe("nothing here");
  });

  it("keeps markup as text", () => {
    expect(snippet("<img src=x onerror=alert(1)> found", "found")).toEqual([
      { text: "<img src=x onerror=alert(1)> ", match: false },
      { text: "found", match: true },
    ]);
  });
});
