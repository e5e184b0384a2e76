import { ParleyError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/message/chat-message";
import { answersTo, pathTo } from "@/lib/message/message-tree";
import type { StoredChat } from "@/lib/store/chat-store";
import type { ChatRequest } from "./parse-chat-request";

export type TurnPlace = {
  /** The conversation the model answers: the path to the user's message, ending with it. */
  history: ChatMessage[];
  /**
   * Where the user's message goes when it is new: under this message, or first (null). Undefined
   * when it is stored already and is answered again (Regenerate, Retry): the new answer is a
   * sibling of the earlier ones.
   */
  newMessageParentId?: string | null;
};

/**
 * Where in the chat's tree a turn goes, and what the model reads for it. A new message follows the
 * message the client names (`parentId`: an edit names the edited message's parent, so it starts a
 * branch), or the active path's last. A stored message is answered again only when asked to
 * (Regenerate), or when it never was: a client's retry must not answer twice.
 */
export function placeTurn(chat: Pick<StoredChat, "messages" | "tree" | "messagesById"> | undefined, request: ChatRequest): TurnPlace {
  const { userMessage } = request;
  const tree = chat?.tree ?? [];
  const pathMessages = (leafId: string | null) => (leafId === null ? [] : pathTo(tree, leafId).flatMap((id) => chat?.messagesById.get(id) ?? []));

  if (request.priorMessages) {
    // A client's conversation starts a chat of its own: it cannot join one that holds messages.
    if ((chat?.messages.length ?? 0) > 0) throw new ParleyError("invalid_request", "A conversation sent whole starts a new chat.");
    const prior = request.priorMessages;
    return { history: [...prior, userMessage], newMessageParentId: prior.at(-1)?.id ?? null };
  }

  const stored = chat?.messagesById.get(userMessage.id);
  if (stored) {
    if (stored.role !== "user") throw new ParleyError("invalid_request", "Only a user message can be answered.");
    // Going on from an answer (the client's function results) is not answering again.
    if (request.trigger === "submit-message" && !request.continuedAnswer && answersTo(tree, userMessage.id).length > 0) throw alreadyAnswered();
    return { history: pathMessages(userMessage.id) };
  }

  const parentId = request.parentId === undefined ? (chat?.messages.at(-1)?.id ?? null) : request.parentId;
  if (parentId !== null && !chat?.messagesById.has(parentId)) {
    throw new ParleyError("invalid_request", "The message to follow (`parentId`, or the one before the new message) is not in this chat.");
  }
  return { history: [...pathMessages(parentId), userMessage], newMessageParentId: parentId };
}

function alreadyAnswered(): ParleyError {
  return new ParleyError(
    "already_answered",
    "This message was already answered: reload the chat to see the answer, or regenerate it for a new one.",
  );
}
