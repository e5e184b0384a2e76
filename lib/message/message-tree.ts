import type { ChatMessage } from "./chat-message";

// A chat is a tree of messages: an edited question is a sibling of the one it replaces, a
// regenerated answer a sibling of the earlier answer. The chat keeps an active leaf; the path from
// the root to it is the conversation the user sees and the model reads.

/** Where a message sits in its chat's tree. `parentId` null: a first message (a root). */
export type MessageNode = { id: string; parentId: string | null; role: ChatMessage["role"] };

/**
 * A stored message and its parent as stored: `undefined` for messages stored before chats were
 * trees, which follow the message stored before them.
 */
export type StoredMessageEntry = { message: ChatMessage; parentId: string | null | undefined };

export type Conversation = {
  /** The active path, first message first. */
  messages: ChatMessage[];
  /** Every message of the chat, in the order they were first stored. */
  tree: MessageNode[];
  /** Every message of the chat, on any branch. */
  messagesById: ReadonlyMap<string, ChatMessage>;
};

/**
 * The conversation a chat's stored messages make (`entries` in the order they were first stored),
 * along the path to `activeLeafId`; to the last stored message when there is none, or it is gone.
 */
export function arrangeConversation(entries: readonly StoredMessageEntry[], activeLeafId: string | undefined): Conversation {
  const tree: MessageNode[] = entries.map(({ message, parentId }, index) => ({
    id: message.id,
    parentId: parentId === undefined ? (entries[index - 1]?.message.id ?? null) : parentId,
    role: message.role,
  }));
  const messagesById = new Map(entries.map(({ message }) => [message.id, message]));
  const leafId = activeLeafId !== undefined && messagesById.has(activeLeafId) ? activeLeafId : tree.at(-1)?.id;
  const messages = pathTo(tree, leafId).flatMap((id) => messagesById.get(id) ?? []);
  return { messages, tree, messagesById };
}

/** The ids from the root down to `leafId` (none for an unknown id). */
export function pathTo(tree: readonly MessageNode[], leafId: string | undefined): string[] {
  const parents = new Map(tree.map((node) => [node.id, node.parentId]));
  const path: string[] = [];
  // A parent that points back into the path (only a damaged store could hold one) ends it.
  const seen = new Set<string>();
  for (let id = leafId; id !== undefined && parents.has(id) && !seen.has(id); ) {
    seen.add(id);
    path.push(id);
    id = parents.get(id) ?? undefined;
  }
  return path.reverse();
}

/**
 * Where each message that has siblings (its versions: the same parent) stands among them: its
 * index, their count, and their ids, in the order stored. One pass over the tree: read for every
 * message of a long chat on each render.
 */
export function versionPositions(tree: readonly MessageNode[]): Map<string, { index: number; count: number; versionIds: readonly string[] }> {
  const siblings = new Map<string | null, string[]>();
  for (const node of tree) {
    const group = siblings.get(node.parentId);
    if (group) group.push(node.id);
    else siblings.set(node.parentId, [node.id]);
  }
  const positions = new Map<string, { index: number; count: number; versionIds: readonly string[] }>();
  for (const group of siblings.values()) {
    if (group.length > 1) group.forEach((id, index) => positions.set(id, { index, count: group.length, versionIds: group }));
  }
  return positions;
}

/**
 * The leaf a switch to `messageId` shows: from it down, always the newest reply, so switching to a
 * branch shows how it last went on.
 */
export function latestLeafUnder(tree: readonly MessageNode[], messageId: string): string | undefined {
  if (!tree.some((node) => node.id === messageId)) return undefined;
  const newestChild = new Map<string, string>();
  for (const node of tree) if (node.parentId !== null) newestChild.set(node.parentId, node.id);
  let leaf = messageId;
  const seen = new Set<string>();
  for (let child = newestChild.get(leaf); child !== undefined && !seen.has(child); child = newestChild.get(leaf)) {
    seen.add(child);
    leaf = child;
  }
  return leaf;
}

/** The messages answering `messageId` (its children that are answers). */
export function answersTo(tree: readonly MessageNode[], messageId: string): MessageNode[] {
  return tree.filter((node) => node.parentId === messageId && node.role === "assistant");
}
