import { z } from "zod";
import { chatIdSchema } from "@/lib/chat/request-schema";

// The path parameters of the /api routes, as the routes read them.

const chatId = chatIdSchema.meta({ description: "The chat's id. One that cannot exist, or another user's chat, is a 404." });

export const chatPathSchema = z.object({ id: chatId });

export const messagePathSchema = z.object({ id: chatId, messageId: z.string().meta({ description: "A message of the chat, on any branch." }) });
