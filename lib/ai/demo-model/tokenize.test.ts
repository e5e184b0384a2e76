import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize";

describe("tokenize", () => {
  it.each([
    "Hello, world!",
    "  leading and trailing  ",
    "- **Paris, France**: 18.3 °C\n- **Tokyo**: 9 °C\n\n```ts\n  return x;\n```\n",
    "",
    "   ",
  ])("concatenates back to the text: %j", (text) => {
    expect(tokenize(text).join("")).toBe(text);
  });

  it("splits into word-ish tokens that carry their leading whitespace", () => {
    expect(tokenize("Hello, big\n\nworld ")).toEqual(["Hello,", " big", "\n\nworld", " "]);
  });
});
