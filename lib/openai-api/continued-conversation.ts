import { isWaitingForApproval, withDecision, type Decision } from "@/lib/chat/approval-reply";
import { ParleyError } from "@/lib/errors";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import type { Stores } from "@/lib/store/open-stores";
import type { ApprovalDecision, CompletionMessage } from "./completion-request-schema";
import { contentText } from "./content-text";
import { conversationKey } from "./conversation-key";

/**
 * A conversation that goes on in the chat it was kept in: its messages up to its last answer are a
 * conversation Parley answered and remembered, and what follows is one new user message, or what
 * that answer waits for: the results of the client's function calls it asked for, and the user's
 * decisions on Parley's calls that wait for approval.
 */
export type ContinuedConversation =
  | { chatId: string; input: "user-message"; answerId: string }
  | {
      chatId: string;
      input: "answered-calls";
      question: ChatMessage & { role: "user" };
      /** The stored answer with the results and decisions in place. */
      answer: ChatMessage & { role: "assistant" };
      /** Whether the request decided on calls that waited for approval (checked again once the chat is claimed). */
      decided: boolean;
    };

/**
 * Where the sent conversation goes on, or undefined: it starts a chat of its own. Decisions
 * (`approvals`) make sense only for the answer that asked for them: when they answer no waiting
 * call of a kept conversation, or leave one undecided, the request is refused rather than answered
 * elsewhere.
 */
export async function findContinuedConversation(
  stores: Pick<Stores, "chats" | "conversations">,
  userId: string,
  sent: readonly CompletionMessage[],
  approvals: readonly ApprovalDecision[] | undefined,
  now = Date.now(),
): Promise<ContinuedConversation | undefined> {
  const found = await findAnswer(stores, userId, sent, now);
  if (approvals && found?.input !== "answered-calls") throw undecidable("no answer of a conversation Parley keeps that waits for approval ends the messages sent");
  if (!found) return undefined;
  if (found.input === "user-message") return { chatId: found.chatId, input: "user-message", answerId: found.answer.id };

  const { chatId, question, answer, following } = found;
  const results = new Map(following.flatMap((message) => (message.role === "tool" ? [[message.tool_call_id, contentText(message.content)]] : [])));
  // The same results sent again (a client's retry) find the calls answered already: that asks for
  // another answer, as OpenAI gives one, in a chat of its own, never a second one in this answer.
  const waiting = answer.parts.flatMap((part) => (part.type === "dynamic-tool" && part.state === "input-available" ? [part.toolCallId] : []));
  if (waiting.length !== results.size || waiting.some((id) => !results.has(id))) {
    if (approvals) throw undecidable("the results sent are not those of the function calls that answer waits for");
    return undefined;
  }
  const decisions = decisionsFor(answer, approvals ?? []);
  return {
    chatId,
    input: "answered-calls",
    question,
    answer: { ...answer, parts: answer.parts.map((part) => withDecision(withResult(part, results), decisions)) },
    decided: decisions.size > 0,
  };
}

type FoundAnswer =
  | { input: "user-message"; chatId: string; answer: ChatMessage }
  | {
      input: "answered-calls";
      chatId: string;
      question: ChatMessage & { role: "user" };
      answer: ChatMessage & { role: "assistant" };
      following: readonly CompletionMessage[];
    };

/** The stored answer the sent conversation's last assistant message is, and what follows it. */
async function findAnswer(stores: Pick<Stores, "chats" | "conversations">, userId: string, sent: readonly CompletionMessage[], now: number): Promise<FoundAnswer | undefined> {
  const lastAnswer = sent.findLastIndex((message) => message.role === "assistant");
  if (lastAnswer < 0) return undefined;
  const following = sent.slice(lastAnswer + 1);
  const input = following.length === 1 && following[0]?.role === "user" ? "user-message" : following.every((message) => message.role === "tool") ? "answered-calls" : undefined;
  if (!input) return undefined;

  const place = await stores.conversations.find(userId, conversationKey(sent.slice(0, lastAnswer + 1)));
  // The chat may have been deleted since, or the answer replaced.
  const chat = place && (await stores.chats.getChat(userId, place.chatId));
  const answer = place && chat?.messagesById.get(place.messageId);
  if (!place || !chat || answer?.role !== "assistant") return undefined;
  // An answer is being written there (requests sent side by side from one conversation): this one
  // starts a chat of its own rather than waiting for it.
  if (chat.unendedLog && chat.unendedLog.claimedUntil > now) return undefined;
  if (input === "user-message") return { input, chatId: place.chatId, answer };

  const questionId = chat.tree.find((node) => node.id === answer.id)?.parentId;
  const question = questionId ? chat.messagesById.get(questionId) : undefined;
  if (question?.role !== "user") return undefined;
  return { input, chatId: place.chatId, question: { ...question, role: "user" }, answer: { ...answer, role: "assistant" }, following };
}

/** The decisions by tool call id: each must answer a call of this answer that waits, and every such call needs one. */
function decisionsFor(answer: ChatMessage, approvals: readonly ApprovalDecision[]): Map<string, Decision> {
  const waiting = new Map(answer.parts.flatMap((part) => (isWaitingForApproval(part) ? [[part.approval.id, part.toolCallId]] : [])));
  const decisions = new Map<string, Decision>();
  for (const { approval_id, approved, reason } of approvals) {
    const toolCallId = waiting.get(approval_id);
    if (toolCallId === undefined) throw undecidable(`no call of that answer waits for approval "${approval_id.slice(0, 200)}" (decided already, or never asked)`);
    decisions.set(toolCallId, { approved, ...(reason !== undefined && { reason }) });
  }
  if (decisions.size < waiting.size) {
    const undecided = [...waiting].filter(([, toolCallId]) => !decisions.has(toolCallId)).map(([approvalId]) => approvalId);
    throw undecidable(`every call that waits needs a decision; none was sent for ${undecided.join(", ")}`);
  }
  return decisions;
}

/** A call of the client's own function, with the result the client sent for it. */
function withResult(part: ChatMessagePart, results: ReadonlyMap<string, string>): ChatMessagePart {
  if (part.type !== "dynamic-tool" || part.state !== "input-available") return part;
  const output = results.get(part.toolCallId);
  if (output === undefined) return part;
  const { toolName, toolCallId, input } = part;
  return { type: "dynamic-tool", toolName, toolCallId, state: "output-available", input, output };
}

function undecidable(problem: string): ParleyError {
  return new ParleyError("invalid_request", `\`parley.approvals\` cannot be applied: ${problem}. Send the conversation as you received it, ending with the answer that asked.`);
}
