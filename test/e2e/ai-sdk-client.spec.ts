import { randomUUID } from "node:crypto";
import { Chat } from "@ai-sdk/react";
import { expect, test } from "@playwright/test";
import { DefaultChatTransport } from "ai";
import type { ChatJson } from "@/lib/chat/chat-json";
import type { ChatMessage } from "@/lib/message/chat-message";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import type { RecordedRequest } from "@/test/fixtures/fake-openai/scenario-registry";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { baseUrlOf, fakeOpenAIUrl, type AppServerName } from "./servers";

// Any AI SDK app talks to Parley through the AI SDK's own `Chat` with `DefaultChatTransport`, which
// posts the whole history it holds with every message. Here that client, in Node, against the
// production server and the fake OpenAI model: a provider failure before any content must not
// leave the conversation stuck, for the client or for the model.

const modes: Array<{ name: string; server: AppServerName }> = [
  { name: "Chat Completions API", server: "openaiChat" },
  { name: "Responses API", server: "openaiResponses" },
];

type FailureOutcome = Extract<ScenarioInput["turns"][number], { type: string }>;

/** How the first answer fails: every attempt at it (retries included) gets this. */
const failures: Array<{ name: string; outcome: FailureOutcome }> = [
  { name: "the provider refuses the request (HTTP 400)", outcome: { type: "http-error", status: 400, message: "Invalid value for 'messages'." } },
  { name: "the provider's stream breaks before any text", outcome: { type: "stream-error", text: "" } },
];

/** The `Chat` an AI SDK app makes, with the status of every response it got. */
function aiSdkChat(server: AppServerName, options: { id: string; messages?: ChatMessage[] }) {
  const statuses: number[] = [];
  const transport = new DefaultChatTransport<ChatMessage>({
    api: `${baseUrlOf(server)}/api/chat`,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  return { chat: new Chat<ChatMessage>({ ...options, transport }), statuses };
}

/** Each message or item a model request carried, in order: its role (an item without one: its type). */
function rolesIn(request: RecordedRequest | undefined): string[] {
  const body = (request?.body ?? {}) as { messages?: Array<{ role?: string; type?: string }>; input?: Array<{ role?: string; type?: string }> };
  const items = (request?.api === "chat" ? body.messages : body.input) ?? [];
  return items.map((item) => item.role ?? item.type ?? "unknown");
}

/** The texts of the user turns of a model request. */
function userTextsIn(request: RecordedRequest | undefined): string[] {
  const body = (request?.body ?? {}) as { messages?: unknown[]; input?: unknown[] };
  const items = ((request?.api === "chat" ? body.messages : body.input) ?? []) as Array<{ role?: string; content?: unknown }>;
  return items
    .filter((item) => item.role === "user")
    .map((item) =>
      typeof item.content === "string" ? item.content : ((item.content ?? []) as Array<{ text?: string }>).map((part) => part.text ?? "").join(""),
    );
}

const textOf = (message: ChatMessage | undefined) => (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");

for (const { name: mode, server } of modes) {
  test.describe(`The AI SDK's Chat client through the ${mode}`, () => {
    for (const { name: failure, outcome } of failures) {
      test(`goes on after ${failure}, and so does the history GET /api/chats/{id} returns`, async () => {
        const scenario = await registerScenario(fakeOpenAIUrl, { turns: [outcome] });
        const { chat, statuses } = aiSdkChat(server, { id: `ai-sdk-client-${randomUUID()}` });

        // 1. The provider fails before any content: the client holds an answer with nothing in it
        // (at most the start of its step) and the error.
        await chat.sendMessage({ text: `${scenario.marker} What is the capital of France?` });
        expect(chat.status).toBe("error");
        expect(chat.error?.message).toMatch(/^The model provider /);
        expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
        expect(chat.messages[1]?.parts.filter((part) => part.type !== "step-start")).toEqual([]);

        // 2. The provider recovers (the scenario is replaced, its requests forgotten). The next
        // message, with that history: answered.
        await registerScenario(fakeOpenAIUrl, {
          key: scenario.key,
          turns: [{ type: "text", text: "Paris is the capital of France, and Rome that of Italy." }, { type: "text", text: "Madrid is the capital of Spain." }],
        });
        await chat.sendMessage({ text: "And of Italy?" });
        expect(chat.error).toBeUndefined();
        expect(chat.status).toBe("ready");
        expect(textOf(chat.messages.at(-1))).toBe("Paris is the capital of France, and Rome that of Italy.");

        // The model heard both questions, in one user turn: never two user messages in a row.
        const [secondMessage, ...others] = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
        expect(others).toEqual([]);
        const roles = rolesIn(secondMessage);
        expect(roles.filter((role) => role === "user")).toHaveLength(1);
        expect(roles.some((role, index) => role === "user" && roles[index + 1] === "user")).toBe(false);
        expect(userTextsIn(secondMessage)).toEqual([`${scenario.marker} What is the capital of France?\n\nAnd of Italy?`]);

        // 3. The history as GET /api/chats/{id} returns it (the failed answer marked, with nothing
        // in it), posted back whole by a Chat that opens the stored conversation, with a third message.
        const stored = await fetch(`${baseUrlOf(server)}/api/chats/${chat.id}`);
        statuses.push(stored.status);
        const { messages } = (await stored.json()) as ChatJson;
        expect(messages.map((message) => [message.role, textOf(message), message.metadata?.status])).toEqual([
          ["user", `${scenario.marker} What is the capital of France?`, undefined],
          ["assistant", "", "failed"],
          ["user", "And of Italy?", undefined],
          ["assistant", "Paris is the capital of France, and Rome that of Italy.", undefined],
        ]);
        const reopened = aiSdkChat(server, { id: chat.id, messages });
        await reopened.chat.sendMessage({ text: "And of Spain?" });
        statuses.push(...reopened.statuses);
        expect(reopened.chat.error).toBeUndefined();
        expect(textOf(reopened.chat.messages.at(-1))).toBe("Madrid is the capital of Spain.");

        expect(statuses).toEqual([200, 200, 200, 200]);
      });
    }
  });
}
