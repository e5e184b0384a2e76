import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { chatNotFound, parseChatId } from "@/lib/chat/chat-id";
import { recoverInterruptedAnswer } from "@/lib/chat/recover-interrupted-answer";
import { requestStop } from "@/lib/chat/stop-signal";
import { toErrorResponse } from "@/lib/errors";
import { getStores } from "@/lib/store/get-stores";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import type { StopChatResponse } from "./schema";

/** Stops the chat's running answer, wherever it runs. 202 also when nothing is running. */
export async function POST(request: Request, { params }: RouteContext<"/api/chat/[id]/stop">): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const { chats, streams } = await getStores();
    if (!(await chats.getChatSummary(userId, chatId))) throw chatNotFound();
    const stopped = await requestStop(streams, userId, chatId);
    // Nothing runs; an answer whose process died is stored now, so the chat is free and shows it.
    if (!stopped) await recoverInterruptedAnswer({ stores: { chats, streams }, userId, chatId });
    return Response.json({ stopped } satisfies StopChatResponse, { status: 202 });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["POST"]);
export { otherMethod as DELETE, otherMethod as GET, otherMethod as PATCH, otherMethod as PUT };
