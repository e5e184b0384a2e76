import { z } from "zod";

/** `PUT /api/chats/{id}/branch`: the message whose branch to show. */
export const switchBranchRequestSchema = z.object({
  messageId: z.string().min(1).max(200).meta({ description: "A message of the chat: the chat then reads down that branch's newest replies." }),
});
