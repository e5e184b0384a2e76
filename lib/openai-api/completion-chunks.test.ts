import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { streamChat } from "@/lib/chat/stream-chat";
import type { ChatMessage } from "@/lib/message/chat-message";
import { defineTool } from "@/lib/tools/tool-definition";
import { chatTestEnv as env, failingMidAnswer, mockChatModel, toolCallsThenText } from "@/test/support/chat-fixtures";
import { toClientTools } from "./client-tools";
import { CompletionChunkEncoder } from "./completion-chunks";
import { chatCompletionChunkSchema, chatCompletionSchema } from "./completion-response-schema";

// The encoder on a real answer stream (streamChat with a mock model), read as OpenAI's clients read it.

const question: ChatMessage[] = [{ id: "u1", role: "user", parts: [{ type: "text", text: "Go." }] }];
const tools = { echo: defineTool(tool({ inputSchema: z.object({ text: z.string() }), execute: async ({ text }) => ({ echoed: text }) })) };
const clientTools = toClientTools([{ type: "function", function: { name: "lookUp", parameters: { type: "object", properties: { id: { type: "number" } } } } }], tools);

function encoder(options: { includeUsage?: boolean; chatId?: string } = {}) {
  return new CompletionChunkEncoder({ id: "chatcmpl-1", model: "test", created: 1_700_000_000, clientToolNames: new Set(["lookUp"]), includeUsage: false, ...options });
}

async function answer(calls: Array<{ toolName: string; input: unknown }>, text: string[], present: CompletionChunkEncoder) {
  const { model } = toolCallsThenText({ calls, text, tokens: 5 });
  const response = streamChat({ messages: question, chatModel: mockChatModel(model), env, tools, clientTools, present: (chunk) => present.encode(chunk) });
  return response.text();
}

const events = (text: string) =>
  text
    .split("\n\n")
    .filter((event) => event.startsWith("data: "))
    .map((event) => event.slice("data: ".length));

describe("CompletionChunkEncoder", () => {
  it("streams chat.completion.chunk events: the role first, text as content deltas, Parley's tool runs in the extension, usage last", async () => {
    const encoding = encoder({ includeUsage: true, chatId: "api-1" });
    const text = await answer([{ toolName: "echo", input: { text: "hi" } }], ["The echo ", "said hi."], encoding);
    const data = events(text);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((json) => JSON.parse(json) as Record<string, unknown>);
    // Exactly OpenAI's chunk (and Parley's documented extension), as the OpenAPI document says.
    for (const chunk of chunks) expect(chatCompletionChunkSchema.safeParse(chunk).error).toBeUndefined();
    expect(chunks[0]).toMatchObject({ object: "chat.completion.chunk", id: "chatcmpl-1", choices: [{ delta: { role: "assistant", content: "" } }], parley: { chat_id: "api-1" } });
    const activities = chunks.flatMap((chunk) => ((chunk.parley as { tool_activity?: unknown } | undefined)?.tool_activity ? [(chunk.parley as { tool_activity: { status: string; output?: unknown } }).tool_activity] : []));
    expect(activities.at(-1)).toMatchObject({ id: "call-0", name: "echo", status: "done", input: { text: "hi" }, output: { echoed: "hi" } });
    expect(activities.at(-1)).toHaveProperty("duration_ms");
    const usage = chunks.at(-1);
    expect(usage).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 } });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ delta: {}, finish_reason: "stop" }] });

    const completion = encoding.completion();
    expect(chatCompletionSchema.safeParse(completion).error).toBeUndefined();
    expect(completion.choices[0]).toMatchObject({ message: { role: "assistant", content: "The echo said hi." }, finish_reason: "stop" });
    expect(completion.usage).toEqual(usage?.usage);
    expect(completion.parley.tool_activity).toEqual([expect.objectContaining({ name: "echo", status: "done" })]);
  });

  it("hands a call of the client's own function to the client, as a standard tool call ending the answer", async () => {
    const encoding = encoder();
    const text = await answer([{ toolName: "lookUp", input: { id: 7 } }], ["never reached"], encoding);
    const completion = encoding.completion();
    expect(chatCompletionSchema.safeParse(completion).error).toBeUndefined();
    for (const json of events(text).slice(0, -1)) expect(chatCompletionChunkSchema.safeParse(JSON.parse(json)).error).toBeUndefined();
    expect(completion.choices[0]).toMatchObject({
      message: { content: null, tool_calls: [{ id: "call-0", type: "function", function: { name: "lookUp", arguments: '{"id":7}' } }] },
      finish_reason: "tool_calls",
    });
    expect(completion.parley.tool_activity).toEqual([]);
    expect(text).not.toContain("never reached");
  });

  it("reports a call that waits for approval with its approval id, and what happens to it in the answer that goes on", () => {
    const asking = encoder();
    const asked = [
      { type: "start", messageId: "a1" },
      { type: "tool-input-available", toolCallId: "call-1", toolName: "echo", input: { text: "hi" } },
      { type: "tool-approval-request", approvalId: "approval-1", toolCallId: "call-1", signature: "signed" },
      { type: "finish", finishReason: "tool-calls" },
    ] as const;
    const chunks = asked.flatMap((chunk) => asking.encode(chunk)).map((json) => JSON.parse(json) as unknown);
    for (const chunk of chunks) expect(chatCompletionChunkSchema.safeParse(chunk).error).toBeUndefined();
    const waiting = { id: "call-1", name: "echo", status: "awaiting_approval", approval_id: "approval-1", input: { text: "hi" } };
    expect(chunks).toContainEqual(expect.objectContaining({ parley: { tool_activity: waiting } }));
    expect(asking.completion()).toMatchObject({ choices: [{ finish_reason: "stop" }], parley: { tool_activity: [waiting] } });

    // The next request's answer hears only of the run: the call's name and input come from the answer it goes on from.
    const earlierCalls = [{ id: "call-1", name: "echo", input: { text: "hi" } }];
    const approved = new CompletionChunkEncoder({ id: "chatcmpl-2", model: "test", created: 1, clientToolNames: new Set(), includeUsage: false, earlierCalls });
    const run = { toolName: "echo", status: "done", startedAt: 5, durationMs: 2, cached: false, truncated: false };
    const ran = [
      { type: "start", messageId: "a1" },
      { type: "tool-output-available", toolCallId: "call-1", output: { echoed: "hi" } },
      { type: "data-toolRun", id: "call-1", data: run },
      { type: "finish" },
    ] as const;
    for (const chunk of ran) approved.encode(chunk);
    expect(approved.completion().parley.tool_activity).toEqual([
      { id: "call-1", name: "echo", status: "done", input: { text: "hi" }, output: { echoed: "hi" }, started_at: 5, duration_ms: 2, cached: false, truncated: false },
    ]);
    const denied = new CompletionChunkEncoder({ id: "chatcmpl-3", model: "test", created: 1, clientToolNames: new Set(), includeUsage: false, earlierCalls });
    for (const chunk of [{ type: "start" }, { type: "tool-output-denied", toolCallId: "call-1" }, { type: "finish" }] as const) denied.encode(chunk);
    expect(denied.completion().parley.tool_activity).toEqual([{ id: "call-1", name: "echo", status: "denied", input: { text: "hi" } }]);
  });

  it("ends a failed answer with an OpenAI error event, which a whole completion turns into a 502", async () => {
    const encoding = encoder();
    const response = streamChat({ messages: question, chatModel: mockChatModel(failingMidAnswer("Half an ans", new Error("boom"))), env, tools, present: (chunk) => encoding.encode(chunk) });
    const text = await response.text();
    expect(events(text).map((json) => (json === "[DONE]" ? json : Object.keys(JSON.parse(json) as object)))).toContainEqual(["error"]);
    expect(() => encoding.completion()).toThrow(expect.objectContaining({ code: "model_failed" }));
  });

  it("puts a blank line between the text of two steps, and ends a stopped answer with a finish reason and its usage", () => {
    const stopped = encoder({ includeUsage: true });
    const sent = [
      { type: "start" },
      { type: "text-start", id: "a" },
      { type: "text-delta", id: "a", delta: "Let me check." },
      { type: "text-end", id: "a" },
      { type: "text-start", id: "b" },
      { type: "text-delta", id: "b", delta: "It is sun" },
      { type: "abort" },
      { type: "finish", finishReason: "stop" },
    ] as const;
    const chunks = sent.flatMap((chunk) => stopped.encode(chunk)).map((json) => JSON.parse(json) as { choices: { delta: { content?: string }; finish_reason: string | null }[]; usage?: unknown });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Let me check.\n\nIt is sun");
    expect(stopped.answer.message.content).toBe("Let me check.\n\nIt is sun");
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === "stop")).toHaveLength(1);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 0 } });
  });
});
