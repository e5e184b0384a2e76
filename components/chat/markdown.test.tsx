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
