import { z } from "zod";

/** `POST /api/chat/{id}/stop` answers whether an answer was running and is being stopped. */
export const stopChatResponseSchema = z.strictObject({
  stopped: z.boolean().meta({ description: "An answer was being written and is stopped; false: none was (the chat is free)." }),
});

export type StopChatResponse = z.infer<typeof stopChatResponseSchema>;
