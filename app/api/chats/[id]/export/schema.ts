import { z } from "zod";
import { exportFormats } from "@/lib/chat/chat-export";

/** `GET /api/chats/{id}/export`: the file's format. */
export const exportChatQuerySchema = z.object({
  format: z.enum(exportFormats).meta({ description: "`markdown` to read, or `json` in the shape of `GET /api/chats/{id}`." }),
});
