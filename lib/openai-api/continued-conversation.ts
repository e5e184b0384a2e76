import type { ChatMessage } from "@/lib/message/chat-message";
import type { Stores } from "@/lib/store/open-stores";
import type { CompletionMessage } from "./completion-request-schema";
import { contentText } from "./content-text";
import { conversationKey } from "./conversation-key";

/**
 * A conversation that goes on in the chat it was kept in: its messages up to its last answer are a
 * conversation Parley answered and remembered, and what follows is one new user message, or the
 * results of the function calls that answer asked for.
 */
export type ContinuedConversation =
  | { chatId: string; input: "user-message"; answerId: string }
  | { chatId: string; input: "tool-results"; question: ChatMessage & { role: "user" }; answer: ChatMessage & { role: "assistant" } };

/** Where the sent conversation goes on, or undefined: it starts a chat of its own. */
export async function findContinuedConversation(
  stores: Pick<Stores, "chats" | "conversations">,
  userId: string,
  sent: readonly CompletionMessage[],
  now = Date.now(),
): Promise<ContinuedConversation | undefined> {
  const lastAnswer = sent.findLastIndex((message) => message.role === "assistant");
  if (lastAnswer < 0) return undefined;
  const following = sent.slice(lastAnswer + 1);
  const input = following.length === 1 && following[0]?.role === "user" ? "user-message" : following.every((message) => message.role === "tool") ? "tool-results" : undefined;
  if (!input) return undefined;

  const place = await stores.conversations.find(userId, conversationKey(sent.slice(0, lastAnswer + 1)));
  // The chat may have been deleted since, or the answer replaced.
  const chat = place && (await stores.chats.getChat(userId, place.chatId));
  const answer = place && chat?.messagesById.get(place.messageId);
  if (!place || !chat || answer?.role !== "assistant") return undefined;
  // An answer is being written there (requests sent side by side from one conversation): this one
  // starts a chat of its own rather than waiting for it.
  if (chat.unendedLog && chat.unendedLog.claimedUntil > now) return undefined;
  if (input === "user-message") return { chatId: place.chatId, input, answerId: answer.id };

  const questionId = chat.tree.find((node) => node.id === answer.id)?.parentId;
  const question = questionId ? chat.messagesById.get(questionId) : undefined;
  if (question?.role !== "user") return undefined;
  const results = new Map(following.flatMap((message) => (message.role === "tool" ? [[message.tool_call_id, contentText(message.content)]] : [])));
  // The same results sent again (a client's retry) find the calls answered already: that asks for
  // another answer, as OpenAI gives one, in a chat of its own, never a second one in this answer.
  const waiting = answer.parts.flatMap((part) => (part.type === "dynamic-tool" && part.state === "input-available" ? [part.toolCallId] : []));
  if (waiting.length !== results.size || waiting.some((id) => !results.has(id))) return undefined;
  return {
    chatId: place.chatId,
    input,
    question: { ...question, role: "user" },
    answer: { ...answer, role: "assistant", parts: answer.parts.map((part) => withResult(part, results)) },
  };
}

/** A call of the client's own function, with the result the client sent for it. */
function withResult(part: ChatMessage["parts"][number], results: ReadonlyMap<string, string>): ChatMessage["parts"][number] {
  if (part.type !== "dynamic-tool" || part.state !== "input-available") return part;
  const output = results.get(part.toolCallId);
  if (output === undefined) return part;
  const { toolName, toolCallId, input } = part;
  return { type: "dynamic-tool", toolName, toolCallId, state: "output-available", input, output };
}
