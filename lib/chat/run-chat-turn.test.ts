import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream, tool } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDemoModel } from "@/lib/ai/demo-model";
import type { ChatModel } from "@/lib/ai/chat-model";
import type { Stores } from "@/lib/store/open-stores";
import { defineTool } from "@/lib/tools/tool-definition";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { ChatMessage } from "@/lib/message/chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT } from "@/lib/message/interrupted-tool-call";
import { toolDefinitions } from "@/tools";
import {
  chatTestEnv as env,
  failingMidAnswer,
  mockChatModel,
  mockUsage,
  textOf,
  toolCallsThenText,
  userRequest,
} from "@/test/support/chat-fixtures";
import { readChatStream, untilTextArrives } from "@/test/support/read-chat-stream";
import { runChatTurn, type RunChatTurnOptions } from "./run-chat-turn";
import { READER_CUT_OFF_TEXT } from "./ui-message-sse-response";

const userId = "user-1";

const demo = (tokenDelayMs: number): ChatModel => ({ model: createDemoModel({ tokenDelayMs }), id: "demo", label: "Demo", contextWindow: 128_000, keepsEarlierReasoning: false });

/** A model that answers `text` in one delta, after running `onCall` (what the test observes at that moment). */
const answering = (text: string, onCall: (prompt: LanguageModelV4Prompt) => unknown): ChatModel =>
  mockChatModel(
    new MockLanguageModelV4({
      doStream: async ({ prompt }) => {
        await onCall(prompt);
        return {
          stream: simulateReadableStream({
            chunks: [
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: text },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: mockUsage() },
            ] satisfies LanguageModelV4StreamPart[],
          }),
        };
      },
    }),
  );

/** The texts of the conversation a model was sent, without its instructions. */
const conversationTexts = (prompt: LanguageModelV4Prompt) =>
  prompt.flatMap((message) =>
    message.role === "system" ? [] : [message.content.map((part) => (part.type === "text" ? part.text : "")).join("")],
  );

describe("runChatTurn", () => {
  let stores: Stores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(async () => {
    await stores.close();
  });

  const run = (request: RunChatTurnOptions["request"], chatModel: ChatModel) =>
    runChatTurn({ stores, userId, request, chatModel, env, tools: toolDefinitions });

  it("stores the user's message before the model is called, then the answer when it finishes", async () => {
    let storedWhenModelCalled: string[] = [];
    const model = answering("Hello there.", async () => {
      storedWhenModelCalled = ((await stores.chats.getChat(userId, "chat-1"))?.messages ?? []).map((message) => message.id);
    });
    const turn = await run(userRequest("Hi! What's up?"), model);
    const reading = await readChatStream(turn.response);
    await turn.done;

    expect(storedWhenModelCalled).toEqual(["u1"]);
    const chat = await stores.chats.getChat(userId, "chat-1");
    expect(chat?.title).toBe("Hi! What's up?");
    expect(chat?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(textOf(chat?.messages[1])).toBe("Hello there.");
    expect(chat?.messages[1]?.id).toBe(reading.message?.id);
    expect(chat?.messages[1]?.metadata?.status).toBeUndefined();
  });

  it("lets the I/O that is ready run between storing the message and calling the model", async () => {
    // Stands for the tokens of other open streams that arrived while this request was handled.
    let otherWorkRanBeforeModel: boolean | undefined;
    let otherWorkRan = false;
    const model = answering("Hi.", () => {
      otherWorkRanBeforeModel = otherWorkRan;
    });
    setImmediate(() => {
      otherWorkRan = true;
    });
    const turn = await run(userRequest("Hi"), model);
    await readChatStream(turn.response);
    await turn.done;

    expect(otherWorkRanBeforeModel).toBe(true);
  });

  it("keeps generating when the client disconnects, and stores the complete answer", async () => {
    const turn = await run(userRequest("Write a TypeScript function that reverses a string"), demo(5));
    const reader = turn.response.body?.getReader();
    await reader?.read();
    await reader?.read();
    await reader?.cancel(); // the browser tab is closed

    await turn.done;
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    expect(textOf(answer)).toContain("function reverseString");
    expect(textOf(answer)).toContain("OPENAI_API_KEY");
    expect(answer?.metadata?.status).toBeUndefined();
  });

  it("cuts off a client that stopped reading once it is STREAM_MAX_UNREAD_BYTES behind, and stores the complete answer", async () => {
    const maxUnreadBytes = 64 * 1024;
    const deltas = Array.from({ length: 300 }, (_, index) => `${"word ".repeat(400)}${index}\n`); // ≈ 600 KB
    const chatModel = mockChatModel(toolCallsThenText({ text: deltas }).model);
    const turn = await runChatTurn({ stores, userId, request: userRequest("Go"), chatModel, env: { ...env, STREAM_MAX_UNREAD_BYTES: maxUnreadBytes }, tools: toolDefinitions });
    const reader = turn.response.body?.getReader();
    await reader?.read(); // the first bytes; then the client stops reading (a frozen tab, a slowloris)

    await turn.done;
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    expect(textOf(answer)).toBe(deltas.join(""));
    expect(answer?.metadata?.status).toBeUndefined();

    // All the response kept for it: far less than the answer, and an error part saying why the rest is missing.
    const decoder = new TextDecoder();
    let unread = "";
    let unreadBytes = 0;
    for (let result = await reader?.read(); result && !result.done; result = await reader?.read()) {
      unreadBytes += result.value.byteLength;
      unread += decoder.decode(result.value);
    }
    expect(unreadBytes).toBeLessThanOrEqual(maxUnreadBytes);
    expect(unread).toContain(JSON.stringify({ type: "error", errorText: READER_CUT_OFF_TEXT }));
  });

  it("stops when another instance marks the stream as stopped, and stores exactly what the client saw", async () => {
    const turn = await run(userRequest("Write a TypeScript function that reverses a string"), demo(40));
    const [forReading, forWatching] = (turn.response.body as ReadableStream<Uint8Array>).tee();
    const reading = readChatStream(new Response(forReading));
    await untilTextArrives(forWatching);
    // Another instance handled the Stop: only the stop request in the store reaches this one (no local abort).
    expect(await stores.streams.requestStop(userId, "chat-1")).toBe(true);

    const seen = await reading;
    await turn.done;
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    expect(answer?.metadata?.status).toBe("stopped");
    const seenText = textOf(seen.message as ChatMessage);
    expect(seenText.length).toBeGreaterThan(0);
    expect(textOf(answer)).toBe(seenText);
    expect(seenText).not.toContain("OPENAI_API_KEY"); // it really stopped before the end
    expect(await stores.streams.requestStop(userId, "chat-1")).toBe(false); // nothing running any more
  });

  it("stores the partial text and the error when the provider fails mid-answer", async () => {
    const model = failingMidAnswer("The first half of the answer", new Error("upstream connection reset"));
    const turn = await run(userRequest("Explain"), mockChatModel(model));
    const seen = await readChatStream(turn.response);
    await turn.done;

    expect(seen.chunks.some(({ chunk }) => chunk.type === "error")).toBe(true);
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    expect(textOf(answer)).toBe("The first half of the answer");
    expect(answer?.metadata).toMatchObject({ status: "failed", errorText: "Something went wrong while answering. Please try again." });
  });

  it("after a stop during a running tool, the stored call stays as shown, the model hears it was stopped, the next turn works", async () => {
    let toolStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      toolStarted = resolve;
    });
    const waitForever = tool({
      inputSchema: z.object({}),
      execute: async (_input, { abortSignal }) => {
        toolStarted();
        await new Promise((_resolve, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason)));
        return "never";
      },
    });
    const { model, prompts } = toolCallsThenText({ calls: [{ toolName: "getWeather", input: { city: "Paris" } }], text: ["Fine, next question answered."] });
    const chatModel = mockChatModel(model);
    // A getWeather that waits until it is stopped, in place of the real one (which needs the network).
    const tools = { getWeather: defineTool(waitForever) };
    const first = await runChatTurn({ stores, userId, request: userRequest("Weather in Paris?"), chatModel, env, tools });
    void readChatStream(first.response);
    await started;
    await stores.streams.requestStop(userId, "chat-1");
    await first.done;

    const stopped = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    expect(stopped?.metadata?.status).toBe("stopped");
    const toolPart = stopped?.parts.find((part) => part.type === "tool-getWeather");
    expect(toolPart).toMatchObject({ state: "input-available" });
    expect(stopped?.parts.find((part) => part.type === "data-toolRun")).toMatchObject({ data: { status: "aborted" } });

    const second = await runChatTurn({ stores, userId, request: userRequest("Never mind. Something else?", { messageId: "u2" }), chatModel, env, tools });
    const reading = await readChatStream(second.response);
    await second.done;
    expect(reading.chunks.some(({ chunk }) => chunk.type === "error")).toBe(false);
    expect(textOf((await stores.chats.getChat(userId, "chat-1"))?.messages[3])).toBe("Fine, next question answered.");
    expect(JSON.stringify(prompts.at(-1))).toContain(INTERRUPTED_TOOL_CALL_TEXT);
  });

  it("writes one answer at a time per chat: of two concurrent turns one gets 409, and each answer follows its question", async () => {
    const turns = await Promise.allSettled([
      run(userRequest("Write a TypeScript function that reverses a string", { messageId: "u1" }), demo(5)),
      run(userRequest("And what time is it in Tokyo?", { messageId: "u2" }), demo(5)),
    ]);
    const refused = turns.filter((turn) => turn.status === "rejected");
    expect(refused.map((turn) => turn.reason)).toMatchObject([{ code: "answer_in_progress", status: 409 }]);
    const [running] = turns.flatMap((turn) => (turn.status === "fulfilled" ? [turn.value] : []));
    if (!running) throw new Error("neither turn ran");
    await readChatStream(running.response);
    await running.done;

    // Once the answer is stored, the refused message can be sent, and is answered after it.
    const refusedId = (await stores.chats.getChat(userId, "chat-1"))?.messages[0]?.id === "u1" ? "u2" : "u1";
    const followUp = await run(userRequest("And now?", { messageId: refusedId }), demo(0));
    await readChatStream(followUp.response);
    await followUp.done;
    const roles = (await stores.chats.getChat(userId, "chat-1"))?.messages.map((message) => message.role);
    expect(roles).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("answers a message sent twice once: the duplicate gets 409 while its answer is being written", async () => {
    const first = await run(userRequest("Write a TypeScript function that reverses a string"), demo(5));
    await expect(run(userRequest("Write a TypeScript function that reverses a string"), demo(0))).rejects.toMatchObject({
      code: "answer_in_progress",
    });
    await readChatStream(first.response);
    await first.done;

    const messages = (await stores.chats.getChat(userId, "chat-1"))?.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(textOf(messages[1])).toContain("function reverseString");
  });

  it("answers a message sent again after its answer was stored once: the duplicate gets 409, the answer stays", async () => {
    const first = await run(userRequest("What time is it in Tokyo?"), demo(0));
    await readChatStream(first.response);
    await first.done;
    const stored = (await stores.chats.getChat(userId, "chat-1"))?.messages ?? [];

    await expect(run(userRequest("What time is it in Tokyo?"), demo(0))).rejects.toMatchObject({ code: "already_answered" });
    expect((await stores.chats.getChat(userId, "chat-1"))?.messages).toEqual(stored);
  });

  it("frees the chat when storing the message fails before the answer starts", async () => {
    const saveMessage = stores.chats.saveMessage.bind(stores.chats);
    stores.chats.saveMessage = () => Promise.reject(new Error("disk full"));
    await expect(run(userRequest("Hi"), demo(0))).rejects.toThrow("disk full");

    stores.chats.saveMessage = saveMessage;
    const again = await run(userRequest("Hi"), demo(0));
    await readChatStream(again.response);
    await again.done;
    expect((await stores.chats.getChat(userId, "chat-1"))?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  });

  it("keeps the earlier answer beside a regenerated one, and answers the active path only", async () => {
    const first = await run(userRequest("What time is it in Tokyo?"), demo(0));
    await readChatStream(first.response);
    await first.done;
    const firstChat = await stores.chats.getChat(userId, "chat-1");
    const [question, firstAnswer] = firstChat?.messages ?? [];

    const again = await run({ ...userRequest("What time is it in Tokyo?"), userMessage: question as RunChatTurnOptions["request"]["userMessage"], trigger: "regenerate-message", messageId: firstAnswer?.id }, demo(0));
    await readChatStream(again.response);
    await again.done;

    const chat = await stores.chats.getChat(userId, "chat-1");
    expect(chat?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(chat?.messages[1]?.id).not.toBe(firstAnswer?.id);
    expect(chat?.tree.filter((node) => node.parentId === question?.id).map((node) => node.id)).toEqual([firstAnswer?.id, chat?.messages[1]?.id]);
  });

  it("starts a branch from an edited message: the model reads the path to it, not the branch it replaces", async () => {
    for (const [index, text] of ["First question", "Second question"].entries()) {
      const turn = await run(userRequest(text, { messageId: `u${index + 1}` }), answering(`Answer ${index + 1}`, () => undefined));
      await readChatStream(turn.response);
      await turn.done;
    }
    const firstAnswer = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
    let sent: string[] = [];
    const edit = { ...userRequest("Second question, edited", { messageId: "u2b" }), parentId: firstAnswer?.id };
    const edited = await run(edit, answering("Answer 2b", (prompt) => (sent = conversationTexts(prompt))));
    await readChatStream(edited.response);
    await edited.done;

    expect(sent).toEqual(["First question", "Answer 1", "Second question, edited"]);
    const chat = await stores.chats.getChat(userId, "chat-1");
    expect(chat?.messages.map((message) => textOf(message))).toEqual(["First question", "Answer 1", "Second question, edited", "Answer 2b"]);
    expect(chat?.tree).toHaveLength(6);
  });

  it("refuses a parent the chat does not have, and stores nothing", async () => {
    await expect(run({ ...userRequest("Hi"), parentId: "not-a-message" }, demo(0))).rejects.toMatchObject({ code: "invalid_request" });
    expect(await stores.chats.getChat(userId, "chat-1")).toBeUndefined();
  });
});
