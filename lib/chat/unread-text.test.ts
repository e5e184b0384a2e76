import { describe, expect, it } from "vitest";
import { UnreadText } from "./unread-text";

describe("UnreadText", () => {
  it("counts its UTF-8 bytes and hands over whole texts, oldest first, up to the size asked for", () => {
    const unread = new UnreadText();
    for (const text of ["data: one\n\n", "data: été\n\n", "data: three\n\n"]) unread.push(text);
    expect(unread.bytes).toBe(11 + 13 + 13);

    expect(unread.take(12)).toBe("data: one\n\ndata: été\n\n");
    expect(unread.bytes).toBe(13);
    expect(unread.take(1)).toBe("data: three\n\n");
    expect(unread.isEmpty).toBe(true);
    expect(unread.bytes).toBe(0);
  });

  it("drops what is unread when replaced", () => {
    const unread = new UnreadText();
    unread.push("data: one\n\n");
    unread.replaceWith(["data: end\n\n"]);
    expect(unread.bytes).toBe(11);
    expect(unread.take(1_000)).toBe("data: end\n\n");
  });
});
