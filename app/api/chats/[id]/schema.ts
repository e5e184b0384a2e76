import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/lib/store/chat-store";

/** `PATCH /api/chats/{id}`: the new title, its runs of white space made one space. */
export const renameChatRequestSchema = z.object({
  title: z
    .string()
    .transform((title) => title.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "The title cannot be empty.").max(MAX_TITLE_LENGTH, `A title has at most ${MAX_TITLE_LENGTH} characters.`))
    .meta({ description: `The new title: not blank, at most ${MAX_TITLE_LENGTH} characters once its white space is collapsed.` }),
});
