import { z } from "zod";

const MAX_QUERY_LENGTH = 200;

/** `GET /api/chats/search`: the words to find, and the most chats to answer with. */
export const searchChatsQuerySchema = z.object({
  q: z
    .string({ error: "Say what to search for: ?q=<words>." })
    .trim()
    .min(1, "Say what to search for: ?q=<words>.")
    .max(MAX_QUERY_LENGTH, `A search has at most ${MAX_QUERY_LENGTH} characters.`)
    .meta({ description: "The words to find (all of them; the last may be the start of a word). Quotes and operators are not syntax." }),
  limit: z
    .coerce.number({ error: "The limit is a number from 1 to 50." })
    .int()
    .min(1)
    .max(50, "The limit is a number from 1 to 50.")
    .default(20)
    .meta({ description: "The most chats to answer with." }),
});
