import { createChatModel } from "@/lib/ai/chat-model";
import { parseChatRequest } from "@/lib/chat/parse-chat-request";
import { streamChat } from "@/lib/chat/stream-chat";
import { getEnv } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";

// Answers can take minutes (tools, several steps); the stream keeps the connection alive.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  try {
    const { messages } = await parseChatRequest(request);
    const env = getEnv();
    return streamChat({ messages, chatModel: createChatModel(env), env, abortSignal: request.signal });
  } catch (error) {
    return toErrorResponse(error);
  }
}
