import { z } from "zod";

// The position after the last chat of a page: chats are ordered by (updatedAt, id), newest first.
// Opaque to clients (base64url JSON); both adapters read and write the same format.

const cursorSchema = z.object({ updatedAt: z.number().int().nonnegative(), id: z.string().min(1).max(200) });

export type ListCursor = z.infer<typeof cursorSchema>;

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeListCursor(value: string): ListCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    throw new InvalidCursorError("The cursor is not valid.");
  }
}
