import { requireViewer } from "@/lib/auth/authenticate";
import { toChatSearchJson } from "@/lib/chat/chat-search-json";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getStores } from "@/lib/store/get-stores";
import { searchChatsQuerySchema } from "./schema";

/** The user's chats whose title or messages hold the words of `q`, newest first: `{ hits, truncated }`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const query = searchChatsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new ParleyError("invalid_request", query.error.issues[0]?.message ?? "Use ?q=<words>&limit=<1–50>.");
    const { chats } = await getStores();
    const result = await chats.searchChats(userId, query.data.q, { limit: query.data.limit });
    return Response.json(toChatSearchJson(result), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
