import type { UIMessageChunk } from "ai";
import { describe, expect, it, vi } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toolDefinitions } from "@/tools";
import { chatTestEnv, mockChatModel, textOf, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { readChatStream } from "@/test/support/read-chat-stream";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { loadChat } from "./load-chat";
import { toModelHistory } from "./model-history";
import { ANSWER_CRASHED_TEXT, recoverInterruptedAnswer } from "./recover-interrupted-answer";
import { runChatTurn } from "./run-chat-turn";

// An answer whose process died mid-stream (its log abandoned), recovered on both stores: what the
// log holds becomes the stored answer, marked failed, once, before anything else is added.

const userId = "user-1";
const chatId = "chat-1";
const start = 1_000_000;
const question: ChatMessage = { id: "question", role: "user", parts: [{ type: "text", text: "What time is it?" }] };

/** What the client had been sent when the process died: a tool call without its result, and half a sentence. */
const streamedBeforeTheCrash: UIMessageChunk[] = [
  { type: "start", messageId: "answer", messageMetadata: { model: "Mock", createdAt: start } },
  { type: "start-step" },
  { type: "tool-input-available", toolCallId: "call-0", toolName: "getCurrentTime", input: { timezone: "UTC" } },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "It is " },
  { type: "text-delta", id: "t", delta: "half past" },
];

function describeRecovery(adapterName: string, createHarness: () => StoresHarness) {
  describe(`recovering an interrupted answer: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);

    /** The question stored, then an answer that logged `chunks` (in two batches) before its process died. */
    async function crashMidAnswer(chunks: UIMessageChunk[] = streamedBeforeTheCrash) {
      const { chats, streams } = fresh.stores;
      await chats.ensureChat(userId, { id: chatId, title: "Time", now: start });
      expect(await streams.beginStream(userId, chatId, "crashed", start)).toBe(true);
      await chats.saveMessage(userId, chatId, question, start);
      const json = chunks.map((chunk) => JSON.stringify(chunk));
      const half = Math.ceil(json.length / 2);
      for (const [index, batch] of [json.slice(0, half), json.slice(half)].entries()) {
        if (batch.length > 0) expect(await streams.appendToStream(userId, chatId, "crashed", { index, chunks: batch }, start)).toBe(true);
      }
      return start + streams.leaseMs;
    }

    const load = (at: number) => loadChat({ stores: fresh.stores, userId, chatId, now: () => at });

    it("stores what was streamed, marked failed, its unfinished tool call as it was shown, once the lease ran out", async () => {
      const abandoned = await crashMidAnswer();
      // Within the lease the answer may still be written: nothing is touched.
      expect((await load(abandoned - 1))?.messages).toEqual([question]);

      const chat = await load(abandoned);
      expect(chat?.messages.map(({ id }) => id)).toEqual(["question", "answer"]);
      const answer = chat?.messages[1];
      expect(answer && textOf(answer)).toBe("It is half past");
      expect(answer?.metadata).toMatchObject({ model: "Mock", createdAt: start, status: "failed", errorText: ANSWER_CRASHED_TEXT });
      // The chip shows "Stopped", as a view that followed the answer showed it; the model gets the call closed.
      expect(answer?.parts.find((part) => part.type === "tool-getCurrentTime")).toMatchObject({ state: "input-available" });
      const history = toModelHistory(chat?.messages ?? []);
      expect(history[1]?.parts.find((part) => part.type === "tool-getCurrentTime")).toMatchObject({ state: "output-error" });
      expect(chat?.unendedLog).toBeUndefined();

      // The marker is gone: nothing to stop, nothing to resume, and the chat takes the next answer.
      const { streams } = fresh.stores;
      expect(await streams.requestStop(userId, chatId, abandoned)).toBe(false);
      expect((await streams.readStream(userId, chatId, 0, abandoned))?.state).toBe("ended");
      expect(await streams.beginStream(userId, chatId, "next", abandoned)).toBe(true);
    });

    it("costs one chat read when there is nothing to recover: no log, a live one, an ended one", async () => {
      const claims = vi.spyOn(fresh.stores.streams, "claimAbandonedStream");
      const reads = vi.spyOn(fresh.stores.chats, "getChat");
      await fresh.stores.chats.ensureChat(userId, { id: chatId, title: "Time", now: start });
      await load(start);
      await fresh.stores.streams.beginStream(userId, chatId, "running", start);
      await load(start + 1);
      await fresh.stores.streams.endStream(userId, chatId, "running", start + 2);
      await load(start + 3 * fresh.stores.streams.leaseMs);
      expect(reads).toHaveBeenCalledTimes(3);
      expect(claims).not.toHaveBeenCalled();
    });

    it("stores the answer once when several instances recover it at once", async () => {
      const abandoned = await crashMidAnswer();
      const recoveries = await Promise.all(
        Array.from({ length: 5 }, () => recoverInterruptedAnswer({ stores: fresh.stores, userId, chatId, now: () => abandoned })),
      );
      expect(recoveries.filter(Boolean)).toHaveLength(1);
      expect((await load(abandoned))?.messages.map(({ id }) => id)).toEqual(["question", "answer"]);
    });

    it("leaves an answer that was stored before the process died as it was stored", async () => {
      const abandoned = await crashMidAnswer();
      const stored: ChatMessage = { id: "answer", role: "assistant", parts: [{ type: "text", text: "It is half past nine." }] };
      await fresh.stores.chats.saveMessage(userId, chatId, stored, start);
      expect((await load(abandoned))?.messages).toEqual([question, stored]);
      expect(await fresh.stores.streams.requestStop(userId, chatId, abandoned)).toBe(false);
    });

    it("marks an answer that died before any of it was logged, so the question is not left without one", async () => {
      const abandoned = await crashMidAnswer([]);
      const chat = await load(abandoned);
      expect(chat?.messages).toHaveLength(2);
      expect(chat?.messages[1]).toMatchObject({ role: "assistant", parts: [], metadata: { status: "failed", errorText: ANSWER_CRASHED_TEXT } });
    });

    it("keeps a stopped mark the stream already carried", async () => {
      const abandoned = await crashMidAnswer([...streamedBeforeTheCrash, { type: "abort" }, { type: "message-metadata", messageMetadata: { status: "stopped" } }]);
      expect((await load(abandoned))?.messages[1]?.metadata).toMatchObject({ status: "stopped" });
    });

    it("when storing fails: logs it, loads the chat as it is, and recovers on a later read", async () => {
      const abandoned = await crashMidAnswer();
      const saves = vi.spyOn(fresh.stores.chats, "saveMessage").mockRejectedValueOnce(new Error("disk full"));
      expect((await load(abandoned))?.messages).toEqual([question]);
      // The failed recovery's claim runs out like any other; then the log is abandoned again.
      const later = abandoned + fresh.stores.streams.leaseMs;
      expect((await load(later - 1))?.messages).toEqual([question]);
      expect((await load(later))?.messages.map(({ id }) => id)).toEqual(["question", "answer"]);
      expect(saves).toHaveBeenCalledTimes(2);
    });

    it("puts the next message after the recovered answer, and the model sees both", async () => {
      const abandoned = await crashMidAnswer();
      const { model, prompts } = toolCallsThenText({ text: ["Nine."] });
      const turn = await runChatTurn({
        stores: fresh.stores,
        userId,
        request: userRequest("And now?", { chatId, messageId: "follow-up" }),
        chatModel: mockChatModel(model),
        env: chatTestEnv,
        tools: toolDefinitions,
        now: () => abandoned,
      });
      await readChatStream(turn.response);
      await turn.done;

      const chat = await load(abandoned);
      expect(chat?.messages.map(({ id, role }) => (role === "assistant" && id !== "answer" ? "new answer" : id))).toEqual([
        "question",
        "answer",
        "follow-up",
        "new answer",
      ]);
      expect(JSON.stringify(prompts[0])).toContain("It is half past");
    });
  });
}

describeRecovery("SQLite (temp file)", sqliteStoresHarness);
describeRecovery("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
