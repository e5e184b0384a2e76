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

  it("keeps every character the user wrote, markdown marks included, and falls back when there is nothing", () => {
    expect(titleFromText("**Hello** `world` _x_ [a] # > ~ <b>")).toBe("**Hello** `world` _x_ [a] # > ~ <b>");
    expect(titleFromText("   ")).toBe("New chat");
  });

  it("never splits an emoji or an accented letter where it cuts", () => {
    const title = titleFromText(`${"🎉".repeat(70)} party`);
    expect(Array.from(title)).toHaveLength(61);
    expect(title).toBe(`${"🎉".repeat(60)}…`);
    expect(title.isWellFormed()).toBe(true);
  });
});
