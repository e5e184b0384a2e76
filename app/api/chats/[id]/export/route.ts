import { requireViewer } from "@/lib/auth/authenticate";
import { chatExportFile } from "@/lib/chat/chat-export";
import { chatNotFound, parseChatId } from "@/lib/chat/chat-id";
import { toChatJson } from "@/lib/chat/chat-json";
import { loadChat } from "@/lib/chat/load-chat";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getStores } from "@/lib/store/get-stores";
import { exportChatQuerySchema } from "./schema";

type Context = RouteContext<"/api/chats/[id]/export">;

/** The chat as a file to download: `?format=markdown` or `?format=json` (the shape of `GET /api/chats/{id}`). */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const query = exportChatQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new ParleyError("invalid_request", "Use ?format=markdown or ?format=json.");
    const chat = await loadChat({ stores: await getStores(), userId, chatId });
    if (!chat) throw chatNotFound();
    const file = chatExportFile(toChatJson(chat), query.data.format);
    return new Response(file.body, {
      headers: { "content-type": file.contentType, "content-disposition": attachmentDisposition(file.fileName), "cache-control": "no-store" },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
