import { requireViewer } from "@/lib/auth/authenticate";
import { parseChatId } from "@/lib/chat/chat-id";
import { resumeChatStream } from "@/lib/chat/resume-chat-stream";
import { parseStreamIdParam } from "@/lib/chat/stream-id";
import { getEnv } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getStores } from "@/lib/store/get-stores";

// A resumed answer streams as long as the answer it follows.
export const maxDuration = 300;

/**
 * The chat's answer while it is being written (the AI SDK's resume); 204 when nothing is. With
 * `?stream=<id>`, that stream again, written or ended (a client whose connection was cut).
 */
export async function GET(request: Request, { params }: RouteContext<"/api/chat/[id]/stream">): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const chatId = parseChatId((await params).id);
    const streamId = parseStreamIdParam(new URL(request.url));
    return await resumeChatStream({ stores: await getStores(), userId, chatId, streamId, env: getEnv(), signal: request.signal });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
