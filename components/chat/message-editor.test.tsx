import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageEditor } from "./message-editor";

const render = (text: string) => renderToStaticMarkup(<MessageEditor text={text} maxTextChars={100} onSave={() => {}} onCancel={() => {}} />);

describe("MessageEditor", () => {
  it("says nothing of the length of a short message", () => {
    const html = render("What about tomorrow?");
    expect(html).not.toContain('data-testid="message-editor-limit"');
    expect(html).not.toContain("aria-describedby");
  });

  it("counts near the limit, and over it says the message is too long, as the composer does", () => {
    expect(render("a".repeat(95))).toContain("95 / 100 characters</p>");
    const tooLong = render("a".repeat(150));
    expect(tooLong).toContain("Too long to send: 150 / 100 characters. Shorten it by 50.</p>");
    expect(tooLong).toContain('aria-invalid="true"');
    expect(tooLong).toMatch(/aria-describedby="([^"]+)"[^]*<p id="\1"/);
  });
});
