import { z } from "zod";

/** `GET /api/chats`: one page of the user's chats. */
export const listChatsQuerySchema = z.object({
  cursor: z.string().min(1).max(500).optional().meta({ description: "The `nextCursor` of the page before; absent for the first page." }),
  limit: z.coerce.number().int().min(1).max(100).default(30).meta({ description: "The most chats on the page." }),
});
