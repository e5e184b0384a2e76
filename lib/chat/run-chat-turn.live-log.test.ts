import { describe, expect, it } from "vitest";
import { toolDefinitions } from "@/tools";
import { chatTestEnv, mockChatModel, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { readChatStream } from "@/test/support/read-chat-stream";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { freshStores, type StoresHarness } from "@/test/support/stores-harness";
import { runChatTurn } from "./run-chat-turn";

// The chat turn writes its live-answer log, on both stores: what a resuming reader reads is what
// the client of the turn received.

const userId = "user-1";
const env = { ...chatTestEnv, STREAM_LOG_FLUSH_MS: 100 };

function describeLiveLog(adapterName: string, createHarness: () => StoresHarness) {
  describe(`the chat turn's live-answer log: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);

    it("holds, chunk for chunk, what the response delivered, its finish included, in far fewer batches than tokens", async () => {
      // 300 deltas at least 2 ms apart: the answer spans several flush intervals.
      const deltas = Array.from({ length: 300 }, (_, index) => `word${index} `);
      const { model } = toolCallsThenText({ calls: [{ toolName: "getCurrentTime", input: { timezone: "UTC" } }], text: deltas, chunkDelayMs: 2 });
      const turn = await runChatTurn({ stores: fresh.stores, userId, request: userRequest("What time is it?"), chatModel: mockChatModel(model), env, tools: toolDefinitions });
      const reading = await readChatStream(turn.response);
      await turn.done;

      const log = await fresh.stores.streams.readStream(userId, "chat-1", 0);
      expect(log?.state).toBe("ended");
      const batches = log?.batches ?? [];
      const logged = batches.flatMap((batch) => batch.chunks.map((chunk): unknown => JSON.parse(chunk)));
      expect(reading.invalid).toEqual([]);
      expect(logged).toEqual(reading.chunks.map(({ chunk }) => chunk));
      expect(logged.at(-1)).toMatchObject({ type: "finish" });
      expect(logged).toContainEqual(expect.objectContaining({ type: "tool-output-available" }));
      expect(batches.length).toBeGreaterThan(1);
      expect(batches.length).toBeLessThan(deltas.length / 5);
    });
  });
}

describeLiveLog("SQLite (temp file)", sqliteStoresHarness);
describeLiveLog("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
