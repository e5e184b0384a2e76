import { after } from "next/server";
import { authenticateApiKey } from "@/lib/auth/api-key-auth";
import { getEnv } from "@/lib/env";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { startChatTelemetry } from "@/lib/observability/chat-telemetry";
import { toOpenAiErrorResponse } from "@/lib/openai-api/openai-error";
import { runCompletion } from "@/lib/openai-api/run-completion";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";
import { getStores } from "@/lib/store/get-stores";
import { toolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import { withMcpTools } from "@/lib/tools/tool-set";
import { toolDefinitions } from "@/tools";

// Answers can take minutes (tools, several steps); the stream keeps the connection alive.
export const maxDuration = 300;

/** OpenAI's Chat Completions, answered by Parley with its tools: see the README's API section. */
export async function POST(request: Request): Promise<Response> {
  const telemetry = startChatTelemetry();
  try {
    await yieldToEventLoop();
    const env = getEnv();
    const stores = await getStores();
    const { userId } = await authenticateApiKey(request, stores.apiKeys, env);
    const quotas = { messagesPerMinute: env.RATE_LIMIT_MESSAGES_PER_MINUTE, dailyTokenBudget: env.DAILY_TOKEN_BUDGET };
    const { definitions: tools } = await withMcpTools(toolDefinitions, env);
    const approval = await toolApprovalSettings(env, tools);
    const completion = await runCompletion({ request, userId, stores, env, tools, quotas, approval, telemetry });
    // A stored answer is saved even if the client goes away; keep the function alive until it is.
    after(completion.done);
    return completion.response;
  } catch (error) {
    const response = toOpenAiErrorResponse(error, telemetry.logKeys);
    telemetry.requestFailed(response.status);
    return response;
  }
}

const otherMethod = methodNotAllowed(["POST"], toOpenAiErrorResponse);
export { otherMethod as DELETE, otherMethod as GET, otherMethod as PATCH, otherMethod as PUT };
