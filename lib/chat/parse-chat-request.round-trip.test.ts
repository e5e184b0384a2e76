import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { toolDefinitions } from "@/tools";
import { chatTestEnv as env, mockChatModel, scriptedFirstStep, textOf, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { toChatJson, type ChatJson } from "./chat-json";
import { parseChatRequest } from "./parse-chat-request";

async function parseNewMessage(request: Request) {
  const parsed = await parseChatRequest(request, toolDefinitions);
  if ("answer" in parsed) throw new Error("expected a new message, not an approval reply");
  return parsed;
}
import { MAX_TEXT_CHARS } from "./request-limits";
import { runChatTurn } from "./run-chat-turn";

// Whatever an answer ends as, an AI SDK client (`Chat` with `DefaultChatTransport`) posts the
// history it holds with its next message: the answer as it streamed, or as `GET /api/chats/{id}`
// returned it. Parley must accept both, and the model must get a history it accepts too.

const userId = "user-1";

const toolCall = (toolName: string, input: string): LanguageModelV4StreamPart => ({ type: "tool-call", toolCallId: "call-1", toolName, input });

/** A provider that refuses the request (HTTP 400: not retried), before any content. */
const refusingProvider = () =>
  new MockLanguageModelV4({
    doStream: async () => {
      throw new APICallError({ message: "Invalid request", url: "https://provider.test/v1/chat/completions", requestBodyValues: {}, statusCode: 400, isRetryable: false });
    },
  });

type Ending = {
  name: string;
  start: () => { model: MockLanguageModelV4; stalled?: Promise<void> };
  /** Stop is pressed once the model waits. */
  stop?: true;
  status: "failed" | "stopped" | undefined;
};

const endings: Ending[] = [
  { name: "the provider refuses the request before any content", start: () => ({ model: refusingProvider() }), status: "failed" },
  { name: "the provider's stream breaks before any content", start: () => scriptedFirstStep([], "error"), status: "failed" },
  { name: "Stop before any content", start: () => scriptedFirstStep([], "stall"), stop: true, status: "stopped" },
  { name: "an answer longer than a user's message may be", start: () => toolCallsThenText({ text: ["x".repeat(MAX_TEXT_CHARS + 1_000)] }), status: undefined },
  { name: "a call with input the tool does not accept", start: () => scriptedFirstStep([toolCall("getWeather", '{"city":42}')], "tool-calls"), status: undefined },
  { name: "a call of a tool that does not exist", start: () => scriptedFirstStep([toolCall("launchRockets", "{}")], "tool-calls"), status: undefined },
];

function postBack(messages: unknown[]): Request {
  return new Request("http://localhost/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: "chat-1", messages, trigger: "submit-message" }),
  });
}

describe("the history an AI SDK client posts back", () => {
  let stores: Stores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(async () => {
    await stores.close();
  });

  it.each(endings)("is accepted after $name, as streamed and as stored", async ({ start, stop, status }) => {
    const first = userRequest("[first question]");
    const { model, stalled } = start();
    const turn = await runChatTurn({ stores, userId, request: first, chatModel: mockChatModel(model), env, tools: toolDefinitions });
    const reading = readChatStream(turn.response);
    if (stop) {
      await stalled;
      await stores.streams.requestStop(userId, "chat-1");
    }
    const streamed = (await reading).message;
    await turn.done;
    if (!streamed) throw new Error("expected an answer to stream");
    const returned = await messagesReturnedByApi(stores);
    expect(returned[1]?.metadata?.status).toBe(status);

    const next = { id: "u2", role: "user", parts: [{ type: "text", text: "[second question]" }] };
    for (const history of [[first.userMessage, streamed], returned]) {
      const request = await parseNewMessage(postBack([...history, next]));
      expect(request.userMessage).toEqual(next);
    }
  });

  it("after a failure before any content, the next message is answered, and the model gets no two user messages in a row", async () => {
    const first = await runChatTurn({ stores, userId, request: userRequest("[first question]"), chatModel: mockChatModel(refusingProvider()), env, tools: toolDefinitions });
    await readChatStream(first.response);
    await first.done;
    const returned = await messagesReturnedByApi(stores);
    // The failed mark (and Regenerate) shows after a reload; nothing else was said.
    expect(returned.map((message) => [message.role, message.parts, message.metadata?.status])).toEqual([
      ["user", [{ type: "text", text: "[first question]" }], undefined],
      ["assistant", [], "failed"],
    ]);

    const next = { id: "u2", role: "user", parts: [{ type: "text", text: "[second question]" }] };
    const request = await parseNewMessage(postBack([...returned, next]));
    const { model, prompts } = toolCallsThenText({ text: ["Both answered."] });
    const second = await runChatTurn({ stores, userId, request, chatModel: mockChatModel(model), env, tools: toolDefinitions });
    const answer = (await readChatStream(second.response)).message as ChatMessage;
    await second.done;

    expect(textOf(answer)).toBe("Both answered.");
    expect(conversationOf(prompts[0])).toEqual([
      ["system", expect.any(String)],
      ["user", "[first question]\n\n[second question]"],
    ]);
    // Stored as the user saw it: both questions, the failed answer between them, and the new answer.
    expect((await messagesReturnedByApi(stores)).map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });
});

/** The chat's messages as `GET /api/chats/{id}` returns them, read as a client reads them. */
async function messagesReturnedByApi(stores: Stores): Promise<ChatMessage[]> {
  const chat = await stores.chats.getChat(userId, "chat-1");
  if (!chat) throw new Error("expected the chat to be stored");
  return (JSON.parse(JSON.stringify(toChatJson(chat))) as ChatJson).messages;
}

/** Each message of a model prompt: its role and its text. */
function conversationOf(prompt: LanguageModelV4CallOptions["prompt"] | undefined): Array<[string, string]> {
  return (prompt ?? []).map((message) => [
    message.role,
    typeof message.content === "string" ? message.content : message.content.map((part) => (part.type === "text" ? part.text : `[${part.type}]`)).join(""),
  ]);
}
