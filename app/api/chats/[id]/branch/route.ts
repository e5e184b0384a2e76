import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseChatId } from "@/lib/chat/chat-id";
import { toChatJson } from "@/lib/chat/chat-json";
import { switchBranch } from "@/lib/chat/switch-branch";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getStores } from "@/lib/store/get-stores";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { switchBranchRequestSchema } from "./schema";

/** Shows the branch through `{ messageId }` (a message's sibling): answers the chat as it now reads. */
export async function PUT(request: Request, { params }: RouteContext<"/api/chats/[id]/branch">): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const body = switchBranchRequestSchema.safeParse(await readJsonBody(request, 10_000));
    if (!body.success) throw new ParleyError("invalid_request", "Send { messageId }: the message whose branch to show.");
    const chat = await switchBranch({ stores: await getStores(), userId, chatId, messageId: body.data.messageId });
    return Response.json(toChatJson(chat), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["PUT"]);
export { otherMethod as DELETE, otherMethod as GET, otherMethod as PATCH, otherMethod as POST };
