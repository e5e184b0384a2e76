import { getToolName, isToolUIPart, type DynamicToolUIPart, type ToolUIPart } from "ai";
import { ParleyError } from "@/lib/errors";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import type { StoredChat } from "@/lib/store/chat-store";
import { canonicalJson } from "@/lib/tools/canonical-json";
import { chatNotFound } from "./chat-id";
import type { ChatRequest } from "./parse-chat-request";

/** A client's answer with the user's decisions on its calls that wait for approval (`approval-responded`). */
export type ApprovalReply = {
  chatId: string;
  answer: ChatMessage & { role: "assistant" };
  modelId?: string;
};

export type Decision = { approved: boolean; reason?: string };

/**
 * The turn that goes on from a stored answer that waits for approval: the stored answer, not the
 * client's copy, with only the user's decisions taken from the reply. Each decision must answer a
 * call the server itself asked about, in the chat's last answer, with the same call, input and
 * signed request; every waiting call needs one. Anything else is refused (400) before anything runs.
 * The AI SDK then checks each request's signature again before it runs an approved call.
 */
export function continueApprovedAnswer(chat: Pick<StoredChat, "messages"> | undefined, reply: ApprovalReply): ChatRequest {
  if (!chat) throw chatNotFound();
  const { messages } = chat;
  const stored = messages.at(-1);
  const question = messages.at(-2);
  if (stored?.id !== reply.answer.id || stored.role !== "assistant" || question?.role !== "user") {
    throw refused("The chat has changed since: only its last answer can be approved.");
  }
  const waiting = stored.parts.filter(isWaitingForApproval);
  if (waiting.length === 0) throw refused("This answer was already decided: nothing in it waits for approval now.");

  const decisions = new Map<string, Decision>();
  for (const part of reply.answer.parts) {
    if (!isToolUIPart(part) || part.state !== "approval-responded") continue;
    const request = waiting.find((candidate) => candidate.toolCallId === part.toolCallId);
    if (!request || !sameRequest(request, part)) throw refused("This approval does not answer a call that waits for one.");
    decisions.set(part.toolCallId, { approved: part.approval.approved, ...(part.approval.reason !== undefined && { reason: part.approval.reason }) });
  }
  if (waiting.some((part) => !decisions.has(part.toolCallId))) throw refused("Approve or deny every call that waits, then send.");

  const parts = stored.parts.map((part) => withDecision(part, decisions));
  return {
    chatId: reply.chatId,
    userMessage: { ...question, role: "user" },
    trigger: "submit-message",
    continuedAnswer: { ...stored, role: "assistant", parts },
    approvalReply: reply,
    ...(reply.modelId !== undefined && { modelId: reply.modelId }),
  };
}

type ToolPart = ToolUIPart | DynamicToolUIPart;
type WaitingPart = ToolPart & { state: "approval-requested" };

/** A call the server asked the user about (an automatic decision is no question), signed as it was asked. */
export function isWaitingForApproval(part: ChatMessagePart): part is WaitingPart {
  return isToolUIPart(part) && part.state === "approval-requested" && part.approval.isAutomatic !== true;
}

/** A waiting call with the user's decision (by tool call id) in place, its signed request kept; other parts as they are. */
export function withDecision(part: ChatMessagePart, decisions: ReadonlyMap<string, Decision>): ChatMessagePart {
  const decision = isWaitingForApproval(part) ? decisions.get(part.toolCallId) : undefined;
  if (!decision || !isWaitingForApproval(part)) return part;
  return { ...part, state: "approval-responded", approval: { ...part.approval, ...decision } } as ChatMessagePart;
}

/** The client's decision is about this very request: same tool, call, input, approval id and signature. */
function sameRequest(request: WaitingPart, decided: ToolPart & { state: "approval-responded" }): boolean {
  return (
    getToolName(decided) === getToolName(request) &&
    decided.approval.id === request.approval.id &&
    request.approval.signature !== undefined &&
    decided.approval.signature === request.approval.signature &&
    canonicalJson(decided.input) === canonicalJson(request.input)
  );
}

function refused(message: string): ParleyError {
  return new ParleyError("invalid_request", message);
}
