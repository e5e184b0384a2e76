import { isToolUIPart, type ChatStatus } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isRefusal } from "./chat-error";

/**
 * The server's refusal of the user's decisions on waiting calls, if that is how the last request
 * ended: refused, with a decision on the last answer still unsent (a sent one becomes the call's
 * result or denial as the answer goes on).
 */
export function refusedDecisionOf({ messages, status, error }: { messages: ChatMessage[]; status: ChatStatus; error: Error | undefined }): Error | undefined {
  if (status !== "error" || error === undefined || !isRefusal(error)) return undefined;
  const last = messages.at(-1);
  const decided = last?.role === "assistant" && last.parts.some((part) => isToolUIPart(part) && part.state === "approval-responded");
  return decided ? error : undefined;
}
