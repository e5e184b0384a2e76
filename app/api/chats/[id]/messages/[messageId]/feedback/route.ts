import { requireViewer } from "@/lib/auth/authenticate";
import { saveAnswerFeedback } from "@/lib/chat/answer-feedback";
import { parseChatId } from "@/lib/chat/chat-id";
import { getEnv } from "@/lib/env";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { MAX_FEEDBACK_NOTE_LENGTH, feedbackInputSchema, type FeedbackInput } from "@/lib/message/answer-feedback";
import { getStores } from "@/lib/store/get-stores";

type Context = RouteContext<"/api/chats/[id]/messages/[messageId]/feedback">;

/** Rates an answer: `{ rating: "up" | "down", note? }`, replacing any rating before. Answers `{ feedback }`. */
export async function PUT(request: Request, context: Context): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    const body = feedbackInputSchema.safeParse(await readJsonBody(request, 4 * MAX_FEEDBACK_NOTE_LENGTH + 1_000));
    if (!body.success) throw new ParleyError("invalid_request", body.error.issues[0]?.message ?? 'Send { rating: "up" | "down", note? }.');
    return Response.json({ feedback: await save(userId, context, body.data) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Takes the rating of an answer back. */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    await save(userId, context, undefined);
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}

async function save(userId: string, { params }: Context, feedback: FeedbackInput | undefined) {
  const { id, messageId } = await params;
  return saveAnswerFeedback({ stores: await getStores(), userId, chatId: parseChatId(id), messageId, feedback });
}

const otherMethod = methodNotAllowed(["PUT", "DELETE"]);
export { otherMethod as GET, otherMethod as PATCH, otherMethod as POST };
