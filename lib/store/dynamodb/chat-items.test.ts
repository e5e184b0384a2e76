import { describe, expect, it } from "vitest";
import { TornReadError, readChatPartition } from "./chat-items";
import { CHAT_SORT_KEY, chunkSortKey, messageSortKey } from "./table-design";

const bytes = (text: string) => new TextEncoder().encode(text);
const chat = { PK: "p", SK: CHAT_SORT_KEY, chatId: "c1", title: "t", createdAt: 1, updatedAt: 1, incarnation: "now", lastSeq: 9 };
const message = (messageId: string, seq: number, fields: { incarnation?: string; version?: string; chunkCount?: number } = {}) => ({
  PK: "p",
  SK: messageSortKey(messageId),
  messageId,
  seq,
  incarnation: "now",
  version: "v1",
  chunkCount: 1,
  body: bytes(`${messageId}:0`),
  ...fields,
});
const chunk = (messageId: string, version: string, index: number) => ({ PK: "p", SK: chunkSortKey(messageId, version, index), body: bytes(`${messageId}:${index}`) });
const text = (chunks: Uint8Array[][] | undefined) => chunks?.map((parts) => parts.map((part) => new TextDecoder().decode(part)));

describe("readChatPartition", () => {
  it("is undefined without the chat item, whatever else is there", () => {
    expect(readChatPartition([message("m1", 1)])).toBeUndefined();
  });

  it("orders messages by position and joins each one's chunks of its current version", () => {
    const items = [
      chunk("b", "v2", 1),
      message("b", 7, { version: "v2", chunkCount: 3 }),
      chunk("b", "v1", 1), // a replaced version's chunk, not yet deleted
      chat,
      chunk("b", "v2", 2),
      message("a", 2),
    ];
    expect(text(readChatPartition(items)?.messages.map(({ chunks }) => chunks))).toEqual([["a:0"], ["b:0", "b:1", "b:2"]]);
  });

  it("ignores messages an earlier chat of the same id left behind", () => {
    expect(text(readChatPartition([chat, message("old", 1, { incarnation: "before" }), message("m1", 2)])?.messages.map(({ chunks }) => chunks))).toEqual([["m1:0"]]);
  });

  it("reports a torn read when a message's chunk is missing", () => {
    expect(() => readChatPartition([chat, message("m1", 1, { chunkCount: 2 })])).toThrow(TornReadError);
  });
});
