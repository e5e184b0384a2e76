import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { chatNotFound, parseChatId } from "@/lib/chat/chat-id";
import { toChatJson, toChatSummaryJson } from "@/lib/chat/chat-json";
import { loadChat } from "@/lib/chat/load-chat";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getStores } from "@/lib/store/get-stores";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { renameChatRequestSchema } from "./schema";

type Context = RouteContext<"/api/chats/[id]">;

/** The chat with all its messages. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const chat = await loadChat({ stores: await getStores(), userId, chatId });
    if (!chat) throw chatNotFound();
    return Response.json(toChatJson(chat), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Renames the chat: `{ title }`. */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const body = renameChatRequestSchema.safeParse(await readJsonBody(request, 10_000));
    if (!body.success) throw new ParleyError("invalid_request", body.error.issues[0]?.message ?? "Send { title }.");
    const chat = await (await getStores()).chats.renameChat(userId, chatId, body.data.title);
    if (!chat) throw chatNotFound();
    return Response.json(toChatSummaryJson(chat));
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Deletes the chat and its messages. */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    if (!(await (await getStores()).chats.deleteChat(userId, chatId))) throw chatNotFound();
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { otherMethod as POST, otherMethod as PUT };
