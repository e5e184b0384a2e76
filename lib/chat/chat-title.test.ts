import { describe, expect, it } from "vitest";
import { titleFromText } from "./chat-title";

describe("titleFromText", () => {
  it("keeps a short first message as it is, on one line", () => {
    expect(titleFromText("  What's the weather\n in Paris?  ")).toBe("What's the weather in Paris?");
  });

  it("cuts a long one at a word and says so", () => {
    const title = titleFromText("Write a TypeScript function that reverses a string and explain how it handles emoji and accents");
    expect(title).toBe("Write a TypeScript function that reverses a string and…");
    expect(title.length).toBeLessThanOrEqual(61);
  });

  it("drops markdown marks and falls back when nothing is left", () => {
    expect(titleFromText("**Hello** `world`")).toBe("Hello world");
    expect(titleFromText("   ")).toBe("New chat");
  });
});
