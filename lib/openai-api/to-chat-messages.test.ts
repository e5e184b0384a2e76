import { describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors";
import { toChatMessages } from "./to-chat-messages";

describe("toChatMessages", () => {
  it("keeps system and developer messages as system messages, and text parts as one text", () => {
    const { messages, ending } = toChatMessages([
      { role: "system", content: "Be brief." },
      { role: "developer", content: [{ type: "text", text: "Answer in " }, { type: "text", text: "French." }] },
      { role: "user", content: "Hello" },
    ]);
    expect(ending).toBe("user-message");
    expect(messages.map(({ role, parts }) => ({ role, parts }))).toEqual([
      { role: "system", parts: [{ type: "text", text: "Be brief." }] },
      { role: "system", parts: [{ type: "text", text: "Answer in French." }] },
      { role: "user", parts: [{ type: "text", text: "Hello" }] },
    ]);
    expect(new Set(messages.map((message) => message.id)).size).toBe(3);
  });

  it("makes one answer of the steps of a function call round trip, the results filled in", () => {
    const { messages, ending } = toChatMessages([
      { role: "user", content: "Where is order 7?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "findOrder", arguments: '{"id":7}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "shipped" },
      { role: "assistant", content: "Let me check the carrier.", tool_calls: [{ id: "call_2", type: "function", function: { name: "track", arguments: "" } }] },
      { role: "tool", tool_call_id: "call_2", content: "arrives Monday" },
    ]);
    expect(ending).toBe("tool-results");
    expect(messages).toHaveLength(2);
    expect(messages[1]?.parts).toEqual([
      { type: "step-start" },
      { type: "dynamic-tool", toolName: "findOrder", toolCallId: "call_1", state: "output-available", input: { id: 7 }, output: "shipped" },
      { type: "step-start" },
      { type: "text", text: "Let me check the carrier.", state: "done" },
      { type: "dynamic-tool", toolName: "track", toolCallId: "call_2", state: "output-available", input: {}, output: "arrives Monday" },
    ]);
  });

  it("ends with the assistant's answer when the request decides on its waiting calls", () => {
    const { messages, ending } = toChatMessages([{ role: "user", content: "What is 2 + 2?" }, { role: "assistant", content: "Let me calculate." }], { decides: true });
    expect(ending).toBe("decisions");
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  });

  it("takes an id again in another answer, as servers that count calls from call_0 in every answer send them", () => {
    const call = { id: "call_0", type: "function" as const, function: { name: "f", arguments: "{}" } };
    const { messages, ending } = toChatMessages([
      { role: "user", content: "first" },
      { role: "assistant", tool_calls: [call] },
      { role: "tool", tool_call_id: "call_0", content: "one" },
      { role: "assistant", content: "Done." },
      { role: "user", content: "second" },
      { role: "assistant", tool_calls: [call] },
      { role: "tool", tool_call_id: "call_0", content: "two" },
    ]);
    expect(ending).toBe("tool-results");
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it.each([
    [
      "a call without its result",
      [
        { role: "user", content: "hi" },
        { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "user", content: "and?" },
      ],
      "Message 1 has function calls without results",
    ],
    ["a result for no call", [{ role: "user", content: "hi" }, { role: "tool", tool_call_id: "nope", content: "x" }], 'Message 1 answers no open function call with id "nope"'],
    [
      "arguments that are not JSON",
      [
        { role: "user", content: "hi" },
        { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{oops" } }] },
        { role: "tool", tool_call_id: "c", content: "x" },
      ],
      "Message 1 has a function call whose `arguments` are not valid JSON",
    ],
    [
      "two calls of one answer with one id",
      [
        { role: "user", content: "hi" },
        {
          role: "assistant",
          tool_calls: [
            { id: "c", type: "function", function: { name: "f", arguments: "{}" } },
            { id: "c", type: "function", function: { name: "g", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "c", content: "x" },
      ],
      'Message 1 has a function call with the id "c" of another call of the same answer',
    ],
    [
      "a step of an answer reusing the id of an earlier step's call",
      [
        { role: "user", content: "hi" },
        { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c", content: "x" },
        { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "g", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c", content: "y" },
      ],
      'Message 3 has a function call with the id "c" of another call of the same answer',
    ],
    ["an ending with the assistant", [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }], "The last message must be the user's"],
    ["an empty user message", [{ role: "user", content: "  " }], "Message 0 is empty"],
  ] as const)("refuses %s with a 400 saying where", (_, messages, expected) => {
    const attempt = () => toChatMessages(messages as Parameters<typeof toChatMessages>[0]);
    expect(attempt).toThrow(ParleyError);
    expect(attempt).toThrow(expected);
  });
});
