import { APICallError, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "@/lib/tools/tool-definition";
import { ToolFailure } from "@/lib/tools/tool-errors";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatTestEnv as env, leakyTool, toolCallsThenText } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { streamChat } from "./stream-chat";

const question: ChatMessage[] = [{ id: "u1", role: "user", parts: [{ type: "text", text: "Go." }] }];

/** Step 1 calls the given tools; step 2 answers with text. Records what the model was sent. */
const toolThenTextModel = (calls: Array<{ toolName: string; input: unknown }>, answer = "Done.") => toolCallsThenText({ calls, text: [answer] });

const tools = {
  leaky: leakyTool,
  polite: defineTool(
    tool({
      inputSchema: z.object({}),
      execute: async (): Promise<string> => {
        throw new ToolFailure("The weather service answered with HTTP 500.");
      },
    }),
  ),
  echo: defineTool(tool({ inputSchema: z.object({ text: z.string() }), execute: async ({ text }) => ({ text }) })),
};

describe("streamChat", () => {
  it("streams valid protocol at once, with the SSE headers that keep proxies from buffering", async () => {
    const { model } = toolThenTextModel([{ toolName: "echo", input: { text: "hi" } }], "Echoed.");
    const response = streamChat({ messages: question, chatModel: { model, label: "Test model", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env, tools });

    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");

    const reading = await readChatStream(response);
    expect(reading.invalid).toEqual([]);
    expect(reading.chunks[0]?.chunk).toMatchObject({ type: "start", messageMetadata: { model: "Test model" } });
    expect(reading.message?.parts.filter((part) => part.type === "text")).toEqual([
      expect.objectContaining({ text: "Echoed." }),
    ]);
  });

  it("reports each tool call's run as a data part keyed by the tool call id", async () => {
    const { model } = toolThenTextModel([{ toolName: "echo", input: { text: "hi" } }]);
    const reading = await readChatStream(
      streamChat({ messages: question, chatModel: { model, label: "Test", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env, tools }),
    );

    const runs = reading.chunks.flatMap(({ chunk }) =>
      chunk.type === "data-toolRun" ? [chunk as { id?: string; data: { status: string } }] : [],
    );
    expect(runs.map((chunk) => [chunk.id, chunk.data.status])).toEqual([
      ["call-0", "running"],
      ["call-0", "done"],
    ]);
    const toolPart = reading.message?.parts.find((part) => part.type === "tool-echo");
    expect(toolPart).toMatchObject({ state: "output-available", output: { text: "hi" } });
  });

  it("redacts unexpected tool errors for the browser but tells the model the real error", async () => {
    const { model, prompts } = toolThenTextModel([
      { toolName: "leaky", input: {} },
      { toolName: "polite", input: {} },
    ]);
    const response = streamChat({ messages: question, chatModel: { model, label: "Test", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env, tools });
    const reading = await readChatStream(response);

    const errors = reading.chunks.map(({ chunk }) => chunk).filter((chunk) => chunk.type === "tool-output-error");
    expect(errors.map((chunk) => [chunk.toolCallId, chunk.errorText])).toEqual([
      ["call-0", "The tool failed unexpectedly."],
      ["call-1", "The weather service answered with HTTP 500."],
    ]);
    expect(JSON.stringify(reading.chunks)).not.toContain("hunter2");

    // The model still learns what went wrong, so it can explain or work around it, minus the secret.
    expect(JSON.stringify(prompts[1])).toContain("ECONNREFUSED postgres://***@10.0.0.5:5432/prod");
    expect(JSON.stringify(prompts[1])).not.toContain("hunter2");
    expect(reading.message?.parts.some((part) => part.type === "text" && part.text === "Done.")).toBe(true);
  });

  it("runs at most MAX_TOOL_CALLS_PER_STEP calls of one step; the model hears the rest were not run", async () => {
    const { model, prompts } = toolThenTextModel(
      Array.from({ length: 12 }, (_, index) => ({ toolName: "echo", input: { text: `call ${index}` } })),
    );
    const reading = await readChatStream(
      streamChat({ messages: question, chatModel: { model, label: "Test", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env: { ...env, MAX_TOOL_CALLS_PER_STEP: 10 }, tools }),
    );

    const outputs = reading.chunks.map(({ chunk }) => chunk).filter((chunk) => chunk.type === "tool-output-available");
    const errors = reading.chunks.map(({ chunk }) => chunk).filter((chunk) => chunk.type === "tool-output-error");
    expect(outputs).toHaveLength(10);
    expect(errors.map((chunk) => chunk.toolCallId)).toEqual(["call-10", "call-11"]);
    expect(errors[0]?.errorText).toBe("Only 10 tool calls may run in one step; this one was not run. Make fewer calls at once.");
    expect(JSON.stringify(prompts[1])).toContain("Only 10 tool calls may run in one step");
    expect(reading.message?.parts.some((part) => part.type === "text" && part.text === "Done.")).toBe(true);
  });

  it("turns a provider failure into an error part with a safe text and keeps the stream well-formed", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new APICallError({
          message: "Internal Server Error",
          url: "https://api.example.com/v1/responses?key=sk-secret",
          requestBodyValues: {},
          statusCode: 500,
          responseBody: '{"error":"database password is hunter2"}',
          isRetryable: true,
        });
      },
    });
    const reading = await readChatStream(
      streamChat({ messages: question, chatModel: { model, label: "Test", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env, tools }),
    );

    expect(reading.invalid).toEqual([]);
    const error = reading.chunks.map(({ chunk }) => chunk).find((chunk) => chunk.type === "error");
    expect(error).toEqual({ type: "error", errorText: "The model provider answered with HTTP 500." });
    expect(JSON.stringify(reading.chunks)).not.toMatch(/sk-secret|hunter2|example\.com/);
  });
});
