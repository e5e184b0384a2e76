import { requireViewer } from "@/lib/auth/authenticate";
import { toChatSummaryJson, type ChatListJson } from "@/lib/chat/chat-json";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { getStores } from "@/lib/store/get-stores";
import { InvalidCursorError } from "@/lib/store/list-cursor";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listChatsQuerySchema } from "./schema";

/** The user's chats, most recently updated first: `{ chats, nextCursor }`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const query = listChatsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new ParleyError("invalid_request", "Use ?cursor=<from the last page>&limit=<1–100>.");
    const { chats } = await getStores();
    const page = await chats.listChats(userId, query.data).catch((error: unknown) => {
      throw error instanceof InvalidCursorError ? new ParleyError("invalid_request", error.message) : error;
    });
    return Response.json(
      { chats: page.chats.map(toChatSummaryJson), nextCursor: page.nextCursor } satisfies ChatListJson,
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
