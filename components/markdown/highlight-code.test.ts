import { describe, expect, it } from "vitest";
import { codeLanguageName } from "./code-languages";
import { loadHighlighter, type HighlightedCode } from "./highlight-code";

type Node = HighlightedCode["children"][number];
const textOf = (nodes: Node[]): string => nodes.map((node) => (node.type === "text" ? node.value : node.type === "element" ? textOf(node.children) : "")).join("");
const classesOf = (nodes: Node[]): string[] =>
  nodes.flatMap((node) => (node.type === "element" ? [...((node.properties.className as string[] | undefined) ?? []), ...classesOf(node.children)] : []));

describe("highlighting", () => {
  it("names grammars by their usual aliases, and knows when it has none", () => {
    expect(codeLanguageName("ts")).toBe("typescript");
    expect(codeLanguageName("Python")).toBe("python");
    expect(codeLanguageName("html")).toBe("xml");
    expect(codeLanguageName("brainfuck")).toBeUndefined();
    expect(codeLanguageName("constructor")).toBeUndefined();
  });

  it("colours code by class names and keeps every character of it", async () => {
    const highlight = await loadHighlighter("typescript");
    const code = 'export function f(a: string): number {\n  return a.length; // <b>not HTML</b>\n}';
    const tree = highlight(code);
    expect(textOf(tree.children)).toBe(code);
    expect(classesOf(tree.children)).toEqual(expect.arrayContaining(["hljs-keyword", "hljs-comment"]));
  });
});
