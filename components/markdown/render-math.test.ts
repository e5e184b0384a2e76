import { describe, expect, it } from "vitest";
import { renderMath } from "./render-math";

describe("renderMath", () => {
  it("typesets inline and display TeX with KaTeX, with MathML for screen readers", () => {
    const inline = renderMath("E = mc^2", false);
    expect(inline).toMatch(/^<span class="katex">/);
    expect(inline).toContain("<math");
    expect(renderMath("\\frac{1}{2}", true)).toMatch(/^<span class="katex-display">/);
  });

  it("honours no command that links, loads or writes HTML", () => {
    const html = [
      "\\href{javascript:alert(1)}{x}",
      "\\url{javascript:alert(1)}",
      "\\includegraphics{https://attacker.example/x.png}",
      "\\htmlClass{x}{y}",
      "\\htmlData{foo=bar}{y}",
      "\\htmlStyle{background:url(https://attacker.example)}{y}",
    ]
      .map((tex) => renderMath(tex, false))
      .join("\n");
    // The TeX itself stays readable (in red, and as the MathML annotation), never as markup.
    expect(html).not.toMatch(/<a[ >]|<img|href=|src=|data-foo|style="background/);
    expect(html.match(/color:light-dark\(#b91c1c, #fca5a5\)/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it("shows a formula it cannot read in red instead of throwing", () => {
    expect(renderMath("\\frac{a}{", true)).toContain("katex-error");
  });
});
