import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} isStreaming={false} />);

describe("Markdown", () => {
  it("shows raw HTML from the model as text, never as elements", () => {
    const html = render('Hi <b>there</b> <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<div onclick="x()">d</div>');
    expect(html).not.toMatch(/<(b|script|img|div onclick)[\s>]/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("opens links in a new tab without an opener and blocks script URLs", () => {
    const html = render("[docs](https://example.com/a) and [bad](javascript:alert(1)) and https://auto.example.com");
    expect(html).toContain('href="https://example.com/a"');
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html.match(/rel="noopener noreferrer"/g)).toHaveLength(2);
    expect(html.match(/target="_blank"/g)).toHaveLength(2);
    expect(html).not.toContain("javascript:");
  });

  it("does not load images", () => {
    const html = render("![a cat](https://tracker.example.com/cat.png?secret=1)");
    expect(html).not.toContain("<img");
    expect(html).toContain("[Image: a cat]");
  });

  it("renders lists, code and tables", () => {
    const html = render("- one\n- two\n\n```ts\nconst x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    expect(html).toContain("<li");
    expect(html).toContain("const x = 1;");
    expect(html).toContain("<table");
  });
});

describe("Markdown: code and math", () => {
  it("gives each fenced code block its language, a copy button and the exact code", () => {
    const html = render("```python\nprint('a < b')\n```\n\n```\nplain\n```");
    expect(html.match(/data-testid="copy-code"/g)).toHaveLength(2);
    expect(html).toContain('data-language="python"');
    expect(html).toContain("print(&#x27;a &lt; b&#x27;)");
    expect(html).toMatch(/<button type="button" data-testid="copy-code"/);
  });

  it("shows math as its TeX until KaTeX has loaded, and money as money", () => {
    const html = render("Energy $E = mc^2$, price $5 and $10.\n\n$$\n\\frac{1}{2}\n$$");
    // Marked as waiting for KaTeX: a chat rendered so on the server fetches its code at once.
    expect(html).toContain('<code data-testid="math-source" data-awaits-extras="" class="font-mono text-[0.9em] text-muted-foreground">E = mc^2</code>');
    expect(html).toContain(">\\frac{1}{2}</span>");
    expect(html).toContain("price $5 and $10.");
  });

  it("keeps the rest of a streaming answer intact around an unclosed formula or fence", () => {
    const math = renderToStaticMarkup(<Markdown text={"First **point**.\n\n$$\n\\frac{a}{"} isStreaming />);
    expect(math).toContain("<strong");
    expect(math).toContain('data-testid="math-source"');
    expect(math).not.toContain("data-awaits-extras");
    expect(math).not.toContain("$$");
    const fence = renderToStaticMarkup(<Markdown text={"Intro.\n\n```ts\nconst x = 1;\n"} isStreaming />);
    expect(fence).toContain("<p>Intro.</p>");
    expect(fence).toContain("const x = 1;");
    expect(fence).not.toContain("```");
  });

  it("completes unfinished emphasis while streaming, and shows a caret", () => {
    const html = renderToStaticMarkup(<Markdown text="Some **bold" isStreaming />);
    expect(html).toContain('<strong class="font-semibold">bold</strong>');
    expect(html).toMatch(/<p data-caret="true">Some <strong/);
    expect(html).not.toContain("**");
  });

  it("puts the caret on the last block that shows something, and nowhere once done", () => {
    const html = renderToStaticMarkup(<Markdown text={"First.\n\n- one\n- two\n\n"} isStreaming />);
    expect(html.match(/ data-caret="/g)).toHaveLength(1);
    expect(html).toMatch(/<ul data-caret="true"/);
    expect(render("First.\n\n- one\n- two\n\n")).not.toContain(" data-caret=\"");
  });

  it("decodes character references once and escapes everything it shows", () => {
    const html = render("Tom &amp; Jerry &copy; 2026 &#x1F600; &bogus; `&amp;`");
    expect(html).toContain("Tom &amp; Jerry © 2026 😀 &amp;bogus;");
    expect(html).toContain("<code class=\"rounded bg-muted px-1.5 py-0.5 font-mono text-[0.9em]\">&amp;amp;</code>");
  });
});
