import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { MAX_CHUNK_BYTES, fromMessageChunks, toMessageChunks } from "./message-chunks";

const textMessage = (text: string): ChatMessage => ({ id: "m1", role: "user", parts: [{ type: "text", text }] });

describe("message chunks", () => {
  it("keeps a small message in one chunk and gives it back unchanged", async () => {
    const message = textMessage("héllo — 👋");
    const chunks = await toMessageChunks(message);
    expect(chunks).toHaveLength(1);
    expect(await fromMessageChunks(chunks)).toEqual(message);
  });

  it("cuts a big message into chunks no bigger than the limit", async () => {
    const message = textMessage(randomBytes(1_000_000).toString("base64"));
    const chunks = await toMessageChunks(message);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(await fromMessageChunks(chunks)).toEqual(message);
  });

  it("compresses text that repeats", async () => {
    const chunks = await toMessageChunks(textMessage("long answer ".repeat(100_000)));
    expect(chunks).toHaveLength(1);
  });
});
