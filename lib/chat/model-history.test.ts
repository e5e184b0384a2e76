import { convertToModelMessages } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toModelHistory } from "./model-history";

const user = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const answer = (id: string, parts: ChatMessage["parts"], status?: "failed" | "stopped"): ChatMessage => ({
  id,
  role: "assistant",
  parts,
  ...(status && { metadata: { status, errorText: status === "failed" ? "The model provider answered with HTTP 400." : undefined } }),
});

/** The roles of the messages the model is sent, in order. */
async function modelRoles(messages: ChatMessage[]): Promise<string[]> {
  return (await convertToModelMessages(toModelHistory(messages))).map((message) => message.role);
}

describe("toModelHistory", () => {
  it.each([
    ["no parts", []],
    ["only a step start", [{ type: "step-start" }]],
    ["only blank text", [{ type: "step-start" }, { type: "text", text: "  \n", state: "done" }]],
  ] satisfies Array<[string, ChatMessage["parts"]]>)(
    "leaves out an answer with %s and makes the user messages around it one turn, both texts in order",
    async (_case, parts) => {
      const history = toModelHistory([user("u1", "What is 2 + 2?"), answer("a1", parts, "failed"), user("u2", "And 3 + 3?")]);
      expect(history).toEqual([{ id: "u2", role: "user", parts: [{ type: "text", text: "What is 2 + 2?\n\nAnd 3 + 3?" }] }]);
    },
  );

  it("joins every user message that empty answers separated, failed or stopped", async () => {
    const messages = [
      user("u1", "one"),
      answer("a1", [{ type: "text", text: "First answer.", state: "done" }]),
      user("u2", "two"),
      answer("a2", [], "failed"),
      user("u3", "three"),
      answer("a3", [{ type: "step-start" }], "stopped"),
      user("u4", "four"),
    ];
    const history = toModelHistory(messages);
    expect(history.map((message) => [message.id, message.parts])).toEqual([
      ["u1", [{ type: "text", text: "one" }]],
      ["a1", [{ type: "text", text: "First answer.", state: "done" }]],
      ["u4", [{ type: "text", text: "two\n\nthree\n\nfour" }]],
    ]);
    expect(await modelRoles(messages)).toEqual(["user", "assistant", "user"]);
  });

  it("keeps answers that said something or called a tool, and the turns as they are", async () => {
    const toolCall: ChatMessage["parts"][number] = {
      type: "tool-calculate",
      toolCallId: "call-1",
      state: "output-available",
      input: { expression: "2 + 2" },
      output: { ok: true, expression: "2 + 2", result: "4" },
    };
    const messages = [
      user("u1", "What is 2 + 2?"),
      answer("a1", [{ type: "step-start" }, toolCall], "failed"),
      user("u2", "Go on"),
      answer("a2", [{ type: "text", text: "4", state: "done" }]),
      user("u3", "Thanks"),
    ];
    expect(toModelHistory(messages)).toEqual(messages);
    expect(await modelRoles(messages)).toEqual(["user", "assistant", "tool", "user", "assistant", "user"]);
  });

  it("leaves an answer out when all it had was a tool call whose input never finished", () => {
    const streamingCall: ChatMessage["parts"][number] = { type: "tool-getWeather", toolCallId: "call-1", state: "input-streaming", input: { city: "Ber" } };
    const history = toModelHistory([user("u1", "Weather?"), answer("a1", [{ type: "step-start" }, streamingCall], "stopped"), user("u2", "Berlin")]);
    expect(history).toEqual([{ id: "u2", role: "user", parts: [{ type: "text", text: "Weather?\n\nBerlin" }] }]);
  });

  it("does not change the stored messages", () => {
    const messages = [user("u1", "one"), answer("a1", [], "failed"), user("u2", "two")];
    const copy = structuredClone(messages);
    toModelHistory(messages);
    expect(messages).toEqual(copy);
  });
});
