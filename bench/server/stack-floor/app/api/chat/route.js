// The stack's own floor: the AI SDK's documented chat route (streamText with the OpenAI provider,
// answered with toUIMessageStreamResponse) in a bare Next app, against the same fake model as
// Parley. No store, no session, no quotas, no tools, no telemetry: what Next and the AI SDK cost
// before any app adds its own work (bench/server/run.mjs measures it side by side).
import { createOpenAI } from "@ai-sdk/openai";
import { convertToModelMessages, streamText } from "ai";

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL });

export async function POST(request) {
  const { message } = await request.json();
  const result = streamText({
    model: openai.chat(process.env.OPENAI_MODEL),
    messages: await convertToModelMessages([message]),
    maxRetries: 0,
  });
  return result.toUIMessageStreamResponse();
}
