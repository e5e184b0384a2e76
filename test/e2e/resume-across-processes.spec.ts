import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { readChatStream } from "@/test/support/read-chat-stream";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { baseServerEnv, dataDirOf } from "./servers";

// Two processes of `npm start` on one data folder, as its cluster runs one per core: a request may
// land on either, so an answer written by one is resumed and stopped through the other. Each has
// a port of its own here, so the test says which process serves what. The demo model is paced:
// its answer takes a few seconds.

const question = "Write a TypeScript function that reverses a string";
const serverEnv = { ...baseServerEnv, DEMO_MODEL_TOKEN_DELAY_MS: "40" };

let writer: NextServer;
let reader: NextServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const dataDir = dataDirOf("two-processes");
  rmSync(dataDir, { recursive: true, force: true });
  // Started together on a new folder: both create and migrate the SQLite file at once.
  [writer, reader] = await Promise.all([
    startNextServer({ npmStart: { processes: 1 }, dataDir, keepData: true, env: serverEnv }),
    startNextServer({ npmStart: { processes: 1 }, dataDir, keepData: true, env: serverEnv }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([writer?.stop(), reader?.stop()]);
});

function send(server: NextServer, chatId: string): Promise<Response> {
  return fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: chatId, messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: question }] }], trigger: "submit-message" }),
  });
}

async function storedChat(server: NextServer, chatId: string): Promise<ChatJson | undefined> {
  const response = await fetch(`${server.url}/api/chats/${chatId}`);
  return response.ok ? ((await response.json()) as ChatJson) : undefined;
}

const textOf = (parts: ReadonlyArray<{ type: string; text?: string }> | undefined) =>
  (parts ?? []).map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");

test("an answer written by one process is resumed on the other from its start, then live, to the stored end", async () => {
  const chatId = crypto.randomUUID();
  const sending = send(writer, chatId).then((response) => readChatStream(response));
  // Another tab opens the chat on the other process once the question is stored.
  await expect.poll(async () => (await storedChat(reader, chatId))?.messages.length).toBe(1);

  const resumed = await fetch(`${reader.url}/api/chat/${chatId}/stream`);
  expect(resumed.status).toBe(200);
  const [reading, sent] = await Promise.all([readChatStream(resumed), sending]);

  const stored = await storedChat(reader, chatId);
  expect(stored?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  const storedText = textOf(stored?.messages[1]?.parts);
  expect(storedText).toContain("function reverseString");
  expect(reading.invalid).toEqual([]);
  // From its start, nothing duplicated or skipped: the same chunks as the writer's own stream.
  expect(reading.chunks.map(({ chunk }) => chunk)).toEqual(sent.chunks.map(({ chunk }) => chunk));
  expect(textOf(reading.message?.parts)).toBe(storedText);
  // Live: the resumed stream had its first chunk before the writer sent its last.
  expect(reading.chunks[0]?.atMs).toBeLessThan(sent.chunks.at(-1)?.atMs ?? 0);

  expect((await fetch(`${reader.url}/api/chat/${chatId}/stream`)).status).toBe(204);
});

test("Stop sent to the other process stops the answer where it is written, and both streams end stopped", async () => {
  const chatId = crypto.randomUUID();
  const sending = await send(writer, chatId);
  if (!sending.body) throw new Error("The chat response has no body.");
  const [forReading, forWatching] = sending.body.tee();
  const sentReading = readChatStream(new Response(forReading));
  await expect.poll(async () => (await storedChat(reader, chatId))?.messages.length).toBe(1);
  const resumed = await fetch(`${reader.url}/api/chat/${chatId}/stream`);
  expect(resumed.status).toBe(200);
  const resumedReading = readChatStream(resumed);

  // Stop once some of the answer has been written.
  await textDeltas(forWatching, 20);
  const stop = await fetch(`${reader.url}/api/chat/${chatId}/stop`, { method: "POST" });
  expect(stop.status).toBe(202);
  expect(await stop.json()).toEqual({ stopped: true });

  const [sent, reading] = await Promise.all([sentReading, resumedReading]);
  expect(sent.chunks.some(({ chunk }) => chunk.type === "abort")).toBe(true);
  expect(reading.invalid).toEqual([]);
  expect(reading.chunks.map(({ chunk }) => chunk)).toEqual(sent.chunks.map(({ chunk }) => chunk));

  await expect.poll(async () => (await storedChat(writer, chatId))?.messages[1]?.metadata?.status).toBe("stopped");
  const storedText = textOf((await storedChat(reader, chatId))?.messages[1]?.parts);
  expect(storedText.length).toBeGreaterThan(0);
  expect(storedText).not.toContain("writes any code you ask for.");
  expect(textOf(reading.message?.parts)).toBe(storedText);
  expect(await (await fetch(`${writer.url}/api/chat/${chatId}/stop`, { method: "POST" })).json()).toEqual({ stopped: false });
});

/** Reads `stream` until `count` text deltas have come, then leaves the rest unread (its twin of `tee()` reads it all). */
async function textDeltas(stream: ReadableStream<Uint8Array>, count: number): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (text.split('"type":"text-delta"').length <= count) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The answer ended before ${count} text deltas: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  // Not cancelled: a branch of tee() cancels only once its twin does too (the promise would wait for the end).
  reader.releaseLock();
}
