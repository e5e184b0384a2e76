import { after } from "next/server";
import { createChatModel } from "@/lib/ai/chat-model";
import { modelFor } from "@/lib/ai/models";
import { requireViewer } from "@/lib/auth/authenticate";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { continueApprovedAnswer } from "@/lib/chat/approval-reply";
import { parseChatRequest } from "@/lib/chat/parse-chat-request";
import { runChatTurn } from "@/lib/chat/run-chat-turn";
import { getEnv } from "@/lib/env";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";
import { toErrorResponse } from "@/lib/errors";
import { startChatTelemetry } from "@/lib/observability/chat-telemetry";
import { getStores } from "@/lib/store/get-stores";
import { toolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import { withMcpTools } from "@/lib/tools/tool-set";
import { toolDefinitions } from "@/tools";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// Answers can take minutes (tools, several steps); the stream keeps the connection alive.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  // First: every duration of this request counts from here.
  const telemetry = startChatTelemetry();
  try {
    // Next's routing of this request was one piece of work; the other streams' tokens go first.
    await yieldToEventLoop();
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    // Parley's tools and those of the MCP servers that are up (a server that is down is left out).
    const { definitions: tools } = await withMcpTools(toolDefinitions);
    const parsed = await parseChatRequest(request, tools);
    const env = getEnv();
    const quotas = { messagesPerMinute: env.RATE_LIMIT_MESSAGES_PER_MINUTE, dailyTokenBudget: env.DAILY_TOKEN_BUDGET };
    const stores = await getStores();
    // The user's approval goes on from the answer as stored, never from the client's copy of it.
    const chatRequest = "answer" in parsed ? continueApprovedAnswer(await stores.chats.getChat(userId, parsed.chatId), parsed) : parsed;
    const approval = await toolApprovalSettings(env, tools);
    const chatModel = createChatModel(modelFor(env, chatRequest.modelId), env);
    const turn = await runChatTurn({ stores, userId, request: chatRequest, chatModel, tools, env, quotas, approval, telemetry });
    // The answer is saved even if the client goes away; keep the function alive until it is.
    after(turn.done);
    return turn.response;
  } catch (error) {
    const response = toErrorResponse(error, telemetry.logKeys);
    telemetry.requestFailed(response.status);
    return response;
  }
}

const otherMethod = methodNotAllowed(["POST"]);
export { otherMethod as DELETE, otherMethod as GET, otherMethod as PATCH, otherMethod as PUT };
