import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "@/lib/tools/tool-definition";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatTestEnv, mockChatModel, toolCallsThenText } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { streamChat } from "./stream-chat";

// CloudFront cuts a response that stays silent longer than its read timeout. While a tool runs or
// the model thinks, the stream sends an SSE comment at least every HEARTBEAT_MS, which clients ignore.

const HEARTBEAT_MS = 100;

describe("heartbeat", () => {
  it("keeps a stream alive through a tool that takes 3× the heartbeat interval, and clients ignore it", async () => {
    const slow = defineTool(
      tool({
        inputSchema: z.object({}),
        execute: async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS + 50));
          return { ok: true };
        },
      }),
    );
    const messages: ChatMessage[] = [{ id: "u1", role: "user", parts: [{ type: "text", text: "wait" }] }];
    const response = streamChat({
      messages,
      chatModel: mockChatModel(toolCallsThenText({ calls: [{ toolName: "slow", input: {} }], text: ["Done waiting."] }).model),
      env: { ...chatTestEnv, MAX_STEPS: 3, TOOL_TIMEOUT_MS: 5_000, HEARTBEAT_MS },
      tools: { slow },
    });

    const [raw, forClient] = (response.body as ReadableStream<Uint8Array>).tee();
    const reading = readChatStream(new Response(forClient));
    const text = await new Response(raw).text();

    const toolRunning = text.indexOf('"type":"tool-input-available"');
    const toolDone = text.indexOf('"type":"tool-output-available"');
    expect(toolRunning).toBeGreaterThan(-1);
    expect(toolDone).toBeGreaterThan(toolRunning);
    const duringTool = text.slice(toolRunning, toolDone);
    expect(duringTool.match(/^: keep-alive$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);

    // The AI SDK's reader skips the comments: the stream is still valid protocol.
    const parsed = await reading;
    expect(parsed.invalid).toEqual([]);
    expect(parsed.message?.parts.some((part) => part.type === "text" && part.text === "Done waiting.")).toBe(true);
  });
});
