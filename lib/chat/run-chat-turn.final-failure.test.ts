import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { safeParseJSON } from "@ai-sdk/provider-utils";
import { readUIMessageStream, simulateReadableStream, type UIMessageChunk } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatModel } from "@/lib/ai/chat-model";
import type { ModelEntry } from "@/lib/ai/model-config";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toolDefinitions } from "@/tools";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { chatTestEnv, mockChatModel, textOf, userRequest } from "@/test/support/chat-fixtures";
import { withFakeModelAndStores } from "@/test/support/fake-model-and-stores";
import { modelServedBy } from "@/test/support/model-served-by-fake";
import { readChatStream } from "@/test/support/read-chat-stream";
import { runChatTurn } from "./run-chat-turn";

// A failed answer says whether answering again may help, and the browser knows it as the store
// does: the AI SDK's client stops reading at the error part, so the metadata saying so comes first.

const userId = "user-1";
const env = { ...chatTestEnv, MODEL_MAX_RETRIES: 2 };

const harness = withFakeModelAndStores();

describe("a failed answer, live and stored", () => {
  const openAIChat = { provider: "openai", api: "chat" } as const;

  /** Runs one turn; returns the chunks sent, the answer as the browser has it when it stops at the error, and the answer stored. */
  async function answer(chatModel: ChatModel, question: string) {
    const { stores } = harness;
    const turn = await runChatTurn({ stores, userId, request: userRequest(question), chatModel, env, tools: toolDefinitions });
    const reading = await readChatStream(turn.response);
    await turn.done;
    const chunks = reading.chunks.map(({ chunk }) => chunk);
    const stored = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    const log = await stores.streams.readStream(userId, "chat-1", 0);
    const logged = (log?.batches ?? []).flatMap((batch) => batch.chunks.map((chunk): unknown => JSON.parse(chunk)));
    return { chunks, seenByBrowser: await readUntilError(chunks), stored, logged };
  }

  async function withScenario(turn: ScenarioInput["turns"][number], entry: Pick<ModelEntry, "provider" | "api"> = openAIChat) {
    const scenario = harness.fake.addScenario({ turns: [turn] });
    return { ...(await answer(modelServedBy(harness.fake, entry), `${scenario.marker} Sum up our whole conversation.`)), requests: scenario.requests() };
  }

  it("a conversation too long for the model: said so, not retryable, the same after a reload", async () => {
    const { chunks, seenByBrowser, stored, logged, requests } = await withScenario({
      type: "http-error",
      status: 400,
      errorType: "invalid_request_error",
      code: "context_length_exceeded",
      message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
    });

    const failure = {
      status: "failed",
      errorText: "This conversation is too long for the model to read at once, so trying again will not help: start a new chat.",
      retryable: false,
    };
    expect(requests).toHaveLength(1);
    expect(chunks.filter((chunk) => chunk.type === "error")).toEqual([{ type: "error", errorText: failure.errorText }]);
    expect(seenByBrowser?.metadata).toMatchObject(failure);
    expect(stored?.metadata).toMatchObject(failure);
    // A reload mid-answer replays the log: the same chunks, in the same order.
    expect(logged).toEqual(chunks);
    expect(JSON.stringify(chunks)).not.toContain("9000 tokens");
  });

  it("an overloaded provider (503), after the retries: retryable, live and stored", async () => {
    const { seenByBrowser, stored, requests } = await withScenario({ type: "http-error", status: 503, retryAfterMs: 5 });

    const failure = { status: "failed", errorText: "The model provider answered with HTTP 503 (tried 3 times).", retryable: true };
    expect(requests).toHaveLength(3);
    expect(seenByBrowser?.metadata).toMatchObject(failure);
    expect(stored?.metadata).toMatchObject(failure);
  });

  it.each([
    ["@ai-sdk/openai, which finishes it as interrupted", openAIChat],
    ["@ai-sdk/openai-compatible, which calls it an error", { provider: "openai-compatible" } as const],
  ])("a stream that ends without a finish reason (%s): the text so far is kept, marked failed, and may be retried", async (_name, entry) => {
    const { seenByBrowser, stored } = await withScenario({ type: "stream-error", text: "The first half of", failure: "end" }, entry);

    // Most often a proxy or an idle timeout cut the connection: that passes.
    const failure = { status: "failed", errorText: "The connection to the model provider broke off in the middle of the answer.", retryable: true };
    expect(textOf(stored)).toBe("The first half of");
    expect(seenByBrowser?.metadata).toMatchObject(failure);
    expect(stored?.metadata).toMatchObject(failure);
  });

  it("a chunk the SDK cannot read, mid-answer: the text so far is kept, and the answer is not retryable", async () => {
    // What @ai-sdk/openai emits when a chunk fails its schema, e.g. Mistral's tool call without `index`.
    const parsed = await safeParseJSON({
      text: '{"choices":[{"index":0,"delta":{"tool_calls":[{"id":"Xb3kQ9rTz","function":{"name":"getWeather","arguments":"{}"}}]}}]}',
      schema: z.object({ choices: z.array(z.object({ delta: z.object({ tool_calls: z.array(z.object({ index: z.number() })) }) })) }),
    });
    if (parsed.success) throw new Error("expected the chunk to be refused");
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "Let me look that up." },
            { type: "error", error: parsed.error },
          ] satisfies LanguageModelV4StreamPart[],
        }),
      }),
    });

    const { seenByBrowser, stored } = await answer(mockChatModel(model), "Weather in Paris?");

    expect(textOf(seenByBrowser)).toBe("Let me look that up.");
    expect(textOf(stored)).toBe("Let me look that up.");
    expect(stored?.metadata).toMatchObject({ status: "failed", retryable: false });
    expect(stored?.metadata?.errorText).toMatch(/^The model provider sent a response that could not be read/);
    expect(seenByBrowser?.metadata).toMatchObject({ status: "failed", retryable: false, errorText: stored?.metadata?.errorText });
  });
});

/** The answer as the AI SDK's `Chat` has it when it stops, at the first error part. */
async function readUntilError(chunks: UIMessageChunk[]): Promise<ChatMessage | undefined> {
  const firstError = chunks.findIndex((chunk) => chunk.type === "error");
  const seen = firstError === -1 ? chunks : chunks.slice(0, firstError);
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of seen) controller.enqueue(structuredClone(chunk));
      controller.close();
    },
  });
  let message: ChatMessage | undefined;
  for await (const snapshot of readUIMessageStream<ChatMessage>({ stream })) message = snapshot;
  return message;
}
