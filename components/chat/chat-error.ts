import { APICallError } from "ai";
import type { ErrorBody, ErrorCode } from "@/lib/errors";

/** What the error banner offers: Retry, Stop (another answer is being written), or nothing (the same request would fail again). */
export type ChatErrorAction = "retry" | "stop" | "none";

/** Refusals that sending the same request again cannot change: it is invalid or too big, or the user may not. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 413, 415]);

const ANSWER_IN_PROGRESS: ErrorCode = "answer_in_progress";

/**
 * The readable part of a chat error and what can be done about it: the server's
 * `{ error: { code, message } }` body for a refused request, a plain sentence for a network
 * failure, the stream's error text otherwise.
 */
export function describeChatError(error: Error): { message: string; action: ChatErrorAction } {
  if (isRefusal(error)) {
    const body = errorOfBody(error.responseBody ?? error.message);
    if (body?.code === ANSWER_IN_PROGRESS) return { message: body.message, action: "stop" };
    return { message: body?.message ?? fallbackMessage(error), action: FINAL_STATUSES.has(error.statusCode) ? "none" : "retry" };
  }
  // Sending again would answer again: the answer being written goes on, and is saved, without this tab.
  if (isCutMidAnswer(error)) return { message: CUT_MID_ANSWER_TEXT, action: "none" };
  return { message: fallbackMessage(error), action: "retry" };
}

export const CUT_MID_ANSWER_TEXT =
  "The connection to the server was lost while the answer was being written, and reconnecting failed. The answer is still saved when it finishes: reload the chat to see it.";

/**
 * The connection broke after the answer began (the browser could not read the rest of the
 * response); one that never got an answer says "Failed to fetch" or "Load failed" instead.
 */
function isCutMidAnswer(error: Error): boolean {
  return error instanceof TypeError && /network error|network connection was lost|terminated/i.test(error.message);
}

/** The server answered the request with an error status: it was refused before any answer began. */
export function isRefusal(error: Error): error is APICallError & { statusCode: number } {
  return APICallError.isInstance(error) && error.statusCode !== undefined;
}

function fallbackMessage(error: Error): string {
  const message = error.message.trim();
  const fromBody = errorOfBody(message)?.message;
  if (fromBody) return fromBody;
  if (/failed to fetch|networkerror|load failed|network request failed/i.test(message)) {
    return "The server could not be reached. Check your connection and try again.";
  }
  return message || "Something went wrong.";
}

/** The `error` of a JSON error body, if the text is one (a plain string error counts as its message). */
function errorOfBody(text: string): { code?: string; message: string } | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
    const { error } = body as { error: unknown };
    if (typeof error === "string") return { message: error };
    if (typeof error !== "object" || error === null) return undefined;
    const { code, message } = error as Partial<ErrorBody["error"]>;
    return typeof message === "string" ? { code, message } : undefined;
  } catch {
    // Not JSON after all: the text is shown as it is.
    return undefined;
  }
}
