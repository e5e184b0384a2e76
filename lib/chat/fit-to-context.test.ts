import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { fitToContext, outputTokensFor } from "./fit-to-context";

const user = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const answer = (id: string, text: string, parts: ChatMessage["parts"] = []): ChatMessage => ({ id, role: "assistant", parts: [...parts, { type: "text", text }] });
const toolCall = (id: string, input: unknown, output: unknown): ChatMessage["parts"][number] => ({
  type: "tool-calculate",
  toolCallId: id,
  state: "output-available",
  input,
  output,
});

/** About `tokens` tokens of prose. */
const prose = (tokens: number) => Array.from({ length: tokens }, (_, index) => `w${index % 50}`).join(" ");

/** A chat of `turns` exchanges, each about 2 × `tokens` tokens, the last question unanswered. */
function longChat(turns: number, tokens: number): ChatMessage[] {
  const messages = Array.from({ length: turns }, (_, turn) => [user(`u${turn}`, prose(tokens)), answer(`a${turn}`, prose(tokens))]).flat();
  return [...messages, user("last", "And the last question?")];
}

const limits = { contextWindow: 4_096, outputTokens: 1_024, fixedText: "You are Parley." };

describe("fitToContext", () => {
  it("sends the whole chat when it fits", async () => {
    const messages = longChat(3, 50);
    expect(await fitToContext(messages, limits)).toEqual({ messages, leftOut: 0 });
  });

  it("leaves out the oldest turns whole until the rest fits, keeping the question", async () => {
    const messages = longChat(20, 150);
    const { messages: sent, leftOut } = await fitToContext(messages, limits);
    expect(leftOut).toBeGreaterThan(0);
    expect(sent).toEqual(messages.slice(leftOut));
    expect(sent[0]?.role).toBe("user");
    expect(sent.at(-1)?.id).toBe("last");
    const text = sent.map((message) => message.parts.map((part) => ("text" in part ? part.text : "")).join("")).join("\n");
    expect(countTokens(text) + limits.outputTokens + countTokens(limits.fixedText)).toBeLessThan(limits.contextWindow);
    // As much as fits is kept: one turn more would not have fitted.
    expect(countTokens(text) + 600).toBeGreaterThan(limits.contextWindow * 0.9 - limits.outputTokens - 200);
  });

  it("keeps a tool call with its result, and the answer after it, as one turn", async () => {
    const call = toolCall("c1", { expression: prose(40) }, { result: prose(400) });
    const messages = [
      user("u0", prose(1_500)),
      answer("a0", "Done.", [call]),
      user("u1", prose(250)),
      answer("a1", prose(250), [toolCall("c2", {}, { result: prose(100) })]),
      user("last", "Next?"),
    ];
    const { messages: sent, leftOut } = await fitToContext(messages, limits);
    expect(leftOut).toBe(2);
    expect(sent.map((message) => message.id)).toEqual(["u1", "a1", "last"]);
  });

  it("keeps the question being answered even when it alone is too long", async () => {
    const messages = [user("u0", "Hi"), answer("a0", "Hello"), user("last", prose(5_000))];
    expect(await fitToContext(messages, limits)).toEqual({ messages: messages.slice(2), leftOut: 2 });
  });
});

describe("outputTokensFor", () => {
  it("keeps the configured most, but at most a quarter of a small window", () => {
    expect(outputTokensFor(128_000, 16_384)).toBe(16_384);
    expect(outputTokensFor(4_096, 16_384)).toBe(1_024);
  });
});
