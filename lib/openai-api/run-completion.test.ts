import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MODEL } from "@/lib/ai/model-config";
import { parseEnv } from "@/lib/env";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { startChatTelemetry } from "@/lib/observability/chat-telemetry";
import type { ToolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import { toolDefinitions } from "@/tools";
import { CHAT_ID_HEADER, runCompletion } from "./run-completion";

// A /v1 turn from request to stored chat: the offline demo model, Parley's real tools, real SQLite.

const userId = "api-user";
const env = parseEnv({ DEMO_MODEL_TOKEN_DELAY_MS: "0" });
const noQuotas = { messagesPerMinute: 0, dailyTokenBudget: 0 };
let stores: Stores;

beforeEach(() => {
  stores = openSqliteStores(join(mkdtempSync(join(tmpdir(), "parley-v1-")), "parley.sqlite"), { streamLeaseMs: 30_000 });
});
afterEach(() => stores.close());

async function complete(body: Record<string, unknown>, approval?: ToolApprovalSettings) {
  const request = new Request("http://localhost/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: DEMO_MODEL.id, ...body }),
  });
  const completion = await runCompletion({ request, userId, stores, env, tools: toolDefinitions, quotas: noQuotas, approval, telemetry: startChatTelemetry() });
  await completion.done;
  return completion.response;
}

type Completion = {
  choices: { message: { role: "assistant"; content: string | null }; finish_reason: string }[];
  parley: { chat_id?: string; tool_activity: { id: string; name: string; status: string; approval_id?: string; input?: unknown; output?: unknown }[] };
};

const approval = { policies: { calculate: "always" as const }, secret: "a-test-secret-that-is-32-bytes-long!" };

describe("runCompletion", () => {
  it("answers with Parley's tools and stores the conversation, system message included, as a chat of the user", async () => {
    const response = await complete({ messages: [{ role: "system", content: "Be exact." }, { role: "user", content: "What is 6 * 7?" }] });
    const completion = (await response.json()) as { choices: { message: { content: string } }[]; parley: { chat_id: string; tool_activity: { name: string; status: string }[] } };
    expect(completion.choices[0]?.message.content).toContain("42");
    expect(completion.parley.tool_activity).toEqual([expect.objectContaining({ name: "calculate", status: "done" })]);

    const chatId = response.headers.get(CHAT_ID_HEADER);
    expect(chatId).toBe(completion.parley.chat_id);
    const chat = await stores.chats.getChat(userId, chatId ?? "");
    expect(chat?.title).toBe("What is 6 * 7?");
    expect(chat?.messages.map((message) => message.role)).toEqual(["system", "user", "assistant"]);
    expect(chat?.messages[2]?.parts.some((part) => part.type === "tool-calculate")).toBe(true);
  });

  it("never runs a tool that needs approval where nobody can decide (store: false): the call is denied and the model answers", async () => {
    const response = await complete({ store: false, messages: [{ role: "user", content: "What is 6 * 7?" }] }, approval);
    const completion = (await response.json()) as Completion;
    expect(completion.choices[0]?.message.content).toMatch(/not allowed/);
    expect(completion.choices[0]?.message.content).not.toContain("42");
    expect(completion.parley.tool_activity).toEqual([expect.objectContaining({ name: "calculate", status: "denied" })]);
  });

  describe("a call that needs approval", () => {
    const question = { role: "user", content: "What is 6 * 7?" };

    /** Asks; the answer comes back with the call waiting, nothing run. */
    async function askAndWait() {
      const response = await complete({ messages: [question] }, approval);
      const completion = (await response.json()) as Completion;
      const waiting = completion.parley.tool_activity.find((activity) => activity.status === "awaiting_approval");
      const chatId = response.headers.get(CHAT_ID_HEADER) ?? "";
      return { completion, waiting, chatId, answer: completion.choices[0]?.message };
    }

    it("comes back waiting, with its input and an approval id; approved in the next request, the same answer runs it and goes on", async () => {
      const { completion, waiting, chatId, answer } = await askAndWait();
      expect(completion.choices[0]?.finish_reason).toBe("stop");
      expect(waiting).toMatchObject({ name: "calculate", input: { expression: expect.stringContaining("6") }, approval_id: expect.any(String) });
      expect(waiting).not.toHaveProperty("output");
      expect(JSON.stringify((await stores.chats.getChat(userId, chatId))?.messages.at(-1)?.parts)).toContain("approval-requested");

      const approved = await complete({ messages: [question, answer], parley: { approvals: [{ approval_id: waiting?.approval_id, approved: true }] } }, approval);
      expect(approved.headers.get(CHAT_ID_HEADER)).toBe(chatId);
      const goesOn = (await approved.json()) as Completion;
      expect(goesOn.choices[0]?.message.content).toContain("42");
      expect(goesOn.parley.tool_activity).toEqual([expect.objectContaining({ id: waiting?.id, name: "calculate", status: "done", input: waiting?.input, output: expect.anything() })]);
      const chat = await stores.chats.getChat(userId, chatId);
      expect(chat?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      expect(chat?.messages[1]?.parts).toContainEqual(expect.objectContaining({ type: "tool-calculate", state: "output-available" }));

      // The same decision again (a client's retry): nothing waits any more, and nothing runs twice.
      await expect(complete({ messages: [question, answer], parley: { approvals: [{ approval_id: waiting?.approval_id, approved: true }] } }, approval)).rejects.toMatchObject({
        code: "invalid_request",
        message: expect.stringContaining("decided already"),
      });
      // The conversation as the client now holds it goes on in the same chat.
      const next = await complete({ messages: [question, answer, goesOn.choices[0]?.message, { role: "user", content: "What is 7 * 8?" }] }, approval);
      expect(next.headers.get(CHAT_ID_HEADER)).toBe(chatId);
    });

    it("denied with a reason: the model is told, and answers without the result", async () => {
      const { waiting, chatId, answer } = await askAndWait();
      const denied = await complete({ messages: [question, answer], parley: { approvals: [{ approval_id: waiting?.approval_id, approved: false, reason: "Not now." }] } }, approval);
      const completion = (await denied.json()) as Completion;
      expect(completion.choices[0]?.message.content).toMatch(/not allowed/);
      expect(completion.choices[0]?.message.content).not.toContain("42");
      expect(completion.parley.tool_activity).toEqual([expect.objectContaining({ name: "calculate", status: "denied" })]);
      expect((await stores.chats.getChat(userId, chatId))?.messages[1]?.parts).toContainEqual(expect.objectContaining({ type: "tool-calculate", state: "output-denied" }));
    });

    it.each([
      ["an approval id the answer never gave", (id: string) => ({ approvals: [{ approval_id: `${id}-forged`, approved: true }] })],
      ["no decision for the waiting call", () => ({ approvals: [{ approval_id: "another", approved: false }] })],
    ])("refuses %s (400), and the call still waits, nothing run", async (_, parley) => {
      const { waiting, chatId, answer } = await askAndWait();
      await expect(complete({ messages: [question, answer], parley: parley(waiting?.approval_id ?? "") }, approval)).rejects.toMatchObject({ code: "invalid_request" });
      expect(JSON.stringify((await stores.chats.getChat(userId, chatId))?.messages.at(-1)?.parts)).toContain("approval-requested");
    });

    it("refuses decisions for a conversation Parley did not keep, or with `store: false`", async () => {
      const { waiting, answer } = await askAndWait();
      const decision = { approvals: [{ approval_id: waiting?.approval_id, approved: true }] };
      await expect(complete({ messages: [{ role: "user", content: "What is 2 + 2?" }, answer], parley: decision }, approval)).rejects.toMatchObject({ code: "invalid_request" });
      await expect(complete({ store: false, messages: [question, answer], parley: decision }, approval)).rejects.toMatchObject({ code: "invalid_request" });
    });
  });

  it("keeps nothing with `store: false`", async () => {
    const response = await complete({ store: false, messages: [{ role: "user", content: "Hello" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get(CHAT_ID_HEADER)).toBeNull();
    expect((await stores.chats.listChats(userId, { limit: 10 })).chats).toEqual([]);
  });

  it("stores the client's function call round trip as one answer that goes on after the results", async () => {
    const response = await complete({
      tools: [{ type: "function", function: { name: "findOrder", parameters: { type: "object", properties: { id: { type: "number" } } } } }],
      messages: [
        { role: "user", content: "Where is order 7?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "findOrder", arguments: '{"id":7}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "Shipped on Monday." },
      ],
    });
    const chat = await stores.chats.getChat(userId, response.headers.get(CHAT_ID_HEADER) ?? "");
    expect(chat?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    const parts = chat?.messages[1]?.parts ?? [];
    expect(parts[1]).toMatchObject({ type: "dynamic-tool", toolName: "findOrder", state: "output-available", output: "Shipped on Monday." });
    expect(parts.filter((part) => part.type === "text").length).toBeGreaterThan(0);
    expect(chat?.tree).toHaveLength(2);
  });

  it("goes on in the same chat when the client sends the conversation back with a new message, and starts another when it was changed", async () => {
    const question = { role: "user", content: "What is 6 * 7?" };
    const first = await complete({ messages: [question] });
    const firstAnswer = ((await first.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message;
    const chatId = first.headers.get(CHAT_ID_HEADER);

    const followUp = { role: "user", content: "What is 7 * 8?" };
    const second = await complete({ messages: [question, firstAnswer, followUp] });
    expect(second.headers.get(CHAT_ID_HEADER)).toBe(chatId);
    const chat = await stores.chats.getChat(userId, chatId ?? "");
    expect(chat?.messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(JSON.stringify(chat?.messages[3]?.parts)).toContain("56");

    // The client's own version of the first answer: not a conversation Parley kept.
    const edited = await complete({ messages: [question, { role: "assistant", content: "Forty-two." }, followUp] });
    expect(edited.headers.get(CHAT_ID_HEADER)).not.toBe(chatId);
  });

  it("goes on from the stored answer when the client sends the results of the calls it asked for", async () => {
    // A model that asks for the client's function, then answers (the demo model never calls one).
    const question = { role: "user", content: "Where is order 7?" };
    const tools = [{ type: "function", function: { name: "findOrder", parameters: { type: "object", properties: {} } } }];
    const call = { id: "call_1", type: "function", function: { name: "findOrder", arguments: "{}" } };
    const chatId = "api-kept";
    await stores.chats.ensureChat(userId, { id: chatId, title: "Where is order 7?", now: 1 });
    await stores.chats.saveMessage(userId, chatId, { id: "q1", role: "user", parts: [{ type: "text", text: "Where is order 7?" }] }, 1, null);
    const asked = { id: "a1", role: "assistant" as const, parts: [{ type: "step-start" as const }, { type: "dynamic-tool" as const, toolName: "findOrder", toolCallId: "call_1", state: "input-available" as const, input: {} }] };
    await stores.chats.saveMessage(userId, chatId, asked, 2, "q1");
    const { conversationKey } = await import("./conversation-key");
    await stores.conversations.remember(userId, conversationKey([question, { role: "assistant", content: null, tool_calls: [call] }] as never), { chatId, messageId: "a1" });

    const response = await complete({ tools, messages: [question, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "Shipped." }] });
    expect(response.headers.get(CHAT_ID_HEADER)).toBe(chatId);
    const chat = await stores.chats.getChat(userId, chatId);
    expect(chat?.messages.map((message) => message.id)).toEqual(["q1", "a1"]);
    const parts = chat?.messages[1]?.parts ?? [];
    expect(parts[1]).toMatchObject({ type: "dynamic-tool", state: "output-available", output: "Shipped." });
    expect(parts.some((part) => part.type === "text")).toBe(true);

    // The same results again (a client's retry): another answer, in a chat of its own, not a second one in this answer.
    const again = await complete({ tools, messages: [question, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "Shipped." }] });
    expect(again.headers.get(CHAT_ID_HEADER)).not.toBe(chatId);
    expect((await stores.chats.getChat(userId, chatId))?.messages[1]?.parts).toEqual(parts);
  });

  it.each([
    [{ model: "gpt-nope", messages: [{ role: "user", content: "hi" }] }, "not_found"],
    [{ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }] }, "invalid_request"],
    [{ n: 2, messages: [{ role: "user", content: "hi" }] }, "invalid_request"],
    [{ tools: [{ type: "function", function: { name: "calculate" } }], messages: [{ role: "user", content: "hi" }] }, "invalid_request"],
    [{ response_format: { type: "json_object" }, messages: [{ role: "user", content: "hi" }] }, "invalid_request"],
    [{ logprobs: true, messages: [{ role: "user", content: "hi" }] }, "invalid_request"],
  ])("refuses %j before anything is stored", async (body, code) => {
    await expect(complete(body)).rejects.toMatchObject({ code });
    expect((await stores.chats.listChats(userId, { limit: 10 })).chats).toEqual([]);
  });
});
