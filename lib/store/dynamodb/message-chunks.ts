import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { ChatMessage } from "@/lib/message/chat-message";

// A DynamoDB item holds at most 400 KB. A message (or a batch of the live-answer log) is stored as
// gzipped JSON cut into chunks well under that, leaving room for the keys and other attributes of
// the item that carries each chunk.

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const MAX_CHUNK_BYTES = 300 * 1024;

/** The value as one or more chunks of gzipped JSON, each at most `chunkBytes` long. */
export async function toJsonChunks(value: unknown, chunkBytes = MAX_CHUNK_BYTES): Promise<[Uint8Array, ...Uint8Array[]]> {
  const compressed = await gzipAsync(JSON.stringify(value));
  const chunks: [Uint8Array, ...Uint8Array[]] = [compressed.subarray(0, chunkBytes)];
  for (let start = chunkBytes; start < compressed.length; start += chunkBytes) {
    chunks.push(compressed.subarray(start, start + chunkBytes));
  }
  return chunks;
}

/** The value `toJsonChunks` cut up; its type is the caller's to know. */
export async function fromJsonChunks(chunks: readonly Uint8Array[]): Promise<unknown> {
  const json = await gunzipAsync(Buffer.concat(chunks));
  return JSON.parse(json.toString("utf8"));
}

export const toMessageChunks = (message: ChatMessage, chunkBytes = MAX_CHUNK_BYTES) => toJsonChunks(message, chunkBytes);

export const fromMessageChunks = async (chunks: readonly Uint8Array[]) => (await fromJsonChunks(chunks)) as ChatMessage;
