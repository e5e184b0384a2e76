import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toolDefinitions } from "@/tools";
import { chatTestEnv, mockChatModel, textOf, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { readChatStream } from "@/test/support/read-chat-stream";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { ANSWER_INTERRUPTED_TEXT, resumeChatStream } from "./resume-chat-stream";
import { runChatTurn } from "./run-chat-turn";
import { STREAM_ID_HEADER } from "./stream-id";

// Resuming a chat's answer from the live-answer log, on both stores: from its start, then live,
// ending as the original did.

const userId = "user-1";
const chatId = "chat-1";
const env = { ...chatTestEnv, STREAM_LOG_FLUSH_MS: 50 };

function describeResume(adapterName: string, createHarness: () => StoresHarness) {
  describe(`resumeChatStream: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    const resume = (options: { userId?: string; signal?: AbortSignal; streamId?: string } = {}) =>
      resumeChatStream({ stores: fresh.stores, userId, chatId, env, ...options });

    /** Waits until the log holds some of the answer's text. */
    async function untilTextLogged() {
      for (;;) {
        const log = await fresh.stores.streams.readStream(userId, chatId, 0);
        if (log?.batches.some((batch) => batch.chunks.some((chunk) => chunk.includes('"text-delta"')))) return;
        await sleep(10);
      }
    }

    afterEach(() => {
      vi.useRealTimers();
    });

    it("streams a running answer from its start, then live, and ends like the original, with the stored text", async () => {
      const deltas = Array.from({ length: 150 }, (_, index) => `word${index} `);
      const { model } = toolCallsThenText({ calls: [{ toolName: "getCurrentTime", input: { timezone: "UTC" } }], text: deltas, chunkDelayMs: 3 });
      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("What time is it?"), chatModel: mockChatModel(model), env, tools: toolDefinitions });
      const original = readChatStream(turn.response);
      await untilTextLogged();

      const resumed = await resume();
      // Mid-answer: the answer is not stored yet.
      expect((await fresh.stores.chats.getChat(userId, chatId))?.messages).toHaveLength(1);
      expect(resumed.status).toBe(200);
      expect(resumed.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
      const [reading, originalReading] = await Promise.all([readChatStream(resumed), original]);
      await turn.done;

      const stored = (await fresh.stores.chats.getChat(userId, chatId))?.messages[1];
      expect(textOf(stored)).toBe(deltas.join(""));
      expect(reading.invalid).toEqual([]);
      // Nothing duplicated or skipped: the very chunks the original client received.
      expect(reading.chunks.map(({ chunk }) => chunk)).toEqual(originalReading.chunks.map(({ chunk }) => chunk));
      expect(reading.message?.parts.filter((part) => part.type === "text").map((part) => part.text).join("")).toBe(textOf(stored));
      expect(reading.message?.parts).toContainEqual(expect.objectContaining({ type: "tool-getCurrentTime", state: "output-available" }));
      expect(reading.chunks.at(-1)?.chunk).toMatchObject({ type: "finish" });
    });

    it("answers 204 when nothing is being written: no answer yet, or its answer is stored", async () => {
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Hi", now: Date.now() });
      const idle = await resume();
      expect(idle.status).toBe(204);
      expect(idle.body).toBeNull();

      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("Hi"), chatModel: mockChatModel(toolCallsThenText().model), env, tools: toolDefinitions });
      await readChatStream(turn.response);
      await turn.done;
      expect((await resume()).status).toBe(204);
    });

    it("replays the stream a cut-off client names, after its end too, and never another one", async () => {
      const { model } = toolCallsThenText({ text: Array.from({ length: 40 }, (_, index) => `word${index} `), chunkDelayMs: 2 });
      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("Hi"), chatModel: mockChatModel(model), env, tools: toolDefinitions });
      const streamId = turn.response.headers.get(STREAM_ID_HEADER) ?? "";
      expect(streamId).not.toBe("");
      const original = await readChatStream(turn.response);
      await turn.done;

      // The answer is stored: a plain resume has nothing to follow, the named stream is read again.
      expect((await resume()).status).toBe(204);
      const again = await resume({ streamId });
      expect(again.status).toBe(200);
      expect(again.headers.get(STREAM_ID_HEADER)).toBe(streamId);
      expect((await readChatStream(again)).chunks.map(({ chunk }) => chunk)).toEqual(original.chunks.map(({ chunk }) => chunk));
      expect((await resume({ streamId: "another-stream" })).status).toBe(204);
    });

    it("is not found for another user's chat, even while its answer is written", async () => {
      const { model } = toolCallsThenText({ text: Array.from({ length: 50 }, () => "word "), chunkDelayMs: 3 });
      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("Hi"), chatModel: mockChatModel(model), env, tools: toolDefinitions });
      const original = readChatStream(turn.response);
      await untilTextLogged();

      await expect(resume({ userId: "user-2" })).rejects.toMatchObject({ code: "not_found" });
      await original;
      await turn.done;
    });

    it("ends with an error part saying the answer was interrupted when its writer died mid-answer", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Hi", now: Date.now() });
      await fresh.stores.streams.beginStream(userId, chatId, "stream-1", Date.now());
      const logged = [{ type: "start" }, { type: "text-start", id: "t" }, { type: "text-delta", id: "t", delta: "Half an ans" }];
      await fresh.stores.streams.appendToStream(userId, chatId, "stream-1", { index: 0, chunks: logged.map((chunk) => JSON.stringify(chunk)) }, Date.now());

      const resumed = await resume();
      expect(resumed.status).toBe(200);
      // The process writing it is gone: its claim's lease runs out without the answer's end.
      vi.setSystemTime(Date.now() + fresh.stores.streams.leaseMs + 1);
      const reading = await readChatStream(resumed);

      expect(reading.chunks.map(({ chunk }) => chunk)).toEqual([...logged, { type: "error", errorText: ANSWER_INTERRUPTED_TEXT }]);
      // What it wrote is stored, marked failed, for the reload the reader is told to do.
      const { messages } = (await fresh.stores.chats.getChat(userId, chatId)) ?? { messages: [] };
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ role: "assistant", parts: [{ type: "text", text: "Half an ans" }], metadata: { status: "failed" } });
      expect(messages[0]?.id).not.toBe("");
    });

    it("answers 204 for a log whose writer died, and stores its answer, marked interrupted", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Hi", now: Date.now() });
      await fresh.stores.chats.saveMessage(userId, chatId, { id: "question", role: "user", parts: [{ type: "text", text: "Hi" }] }, Date.now());
      await fresh.stores.streams.beginStream(userId, chatId, "stream-1", Date.now());
      const logged = [{ type: "start", messageId: "answer" }, { type: "text-start", id: "t" }, { type: "text-delta", id: "t", delta: "Half an ans" }];
      await fresh.stores.streams.appendToStream(userId, chatId, "stream-1", { index: 0, chunks: logged.map((chunk) => JSON.stringify(chunk)) }, Date.now());
      vi.setSystemTime(Date.now() + fresh.stores.streams.leaseMs);

      expect((await resume()).status).toBe(204);
      const { messages } = (await fresh.stores.chats.getChat(userId, chatId)) ?? { messages: [] };
      expect(messages.map(({ id, metadata }) => ({ id, status: metadata?.status }))).toEqual([
        { id: "question", status: undefined },
        { id: "answer", status: "failed" },
      ]);
      expect((await fresh.stores.streams.readStream(userId, chatId, 0))?.state).toBe("ended");
    });

    it("ends a stopped answer as the original did: its abort, then its stopped mark, and no error part", async () => {
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Hi", now: Date.now() });
      await fresh.stores.streams.beginStream(userId, chatId, "stream-1", Date.now());
      // The SDK sends an answer's metadata after its abort (or error) part: the log's last chunk is not its end.
      const logged = [
        { type: "start" },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Half an ans" },
        { type: "abort" },
        { type: "message-metadata", messageMetadata: { status: "stopped" } },
      ];
      await fresh.stores.streams.appendToStream(userId, chatId, "stream-1", { index: 0, chunks: logged.map((chunk) => JSON.stringify(chunk)) }, Date.now());

      // Opened while the answer is written; the answer is then stored and its log ends.
      const resumed = await resume();
      expect(resumed.status).toBe(200);
      await fresh.stores.streams.endStream(userId, chatId, "stream-1");
      const reading = await readChatStream(resumed);
      expect(reading.chunks.map(({ chunk }) => chunk)).toEqual(logged);
    });

    it("stops reading the log when its reader goes away", async () => {
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Hi", now: Date.now() });
      await fresh.stores.streams.beginStream(userId, chatId, "stream-1", Date.now());
      const reads = vi.spyOn(fresh.stores.streams, "readStream");
      const client = new AbortController();
      const resumed = await resume({ signal: client.signal });
      await resumed.body?.getReader().read();
      await sleep(env.STREAM_LOG_FLUSH_MS * 3); // the reader polls a few times
      expect(reads.mock.calls.length).toBeGreaterThan(1);

      client.abort();
      await sleep(env.STREAM_LOG_FLUSH_MS); // a poll that was under way ends
      const readsWhenGone = reads.mock.calls.length;
      await sleep(env.STREAM_LOG_FLUSH_MS * 4);
      expect(reads.mock.calls.length).toBe(readsWhenGone);
    });
  });
}

describeResume("SQLite (temp file)", sqliteStoresHarness);
describeResume("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
