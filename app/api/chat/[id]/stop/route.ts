import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { chatNotFound, parseChatId } from "@/lib/chat/chat-id";
import { requestStop } from "@/lib/chat/stop-signal";
import { toErrorResponse } from "@/lib/errors";
import { getChatStore } from "@/lib/store/get-chat-store";

/** Stops the chat's running answer, wherever it runs. 202 also when nothing is running. */
export async function POST(request: Request, { params }: RouteContext<"/api/chat/[id]/stop">): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const store = await getChatStore();
    if (!(await store.getChatSummary(userId, chatId))) throw chatNotFound();
    const stopped = await requestStop(store, userId, chatId);
    return Response.json({ stopped }, { status: 202 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
