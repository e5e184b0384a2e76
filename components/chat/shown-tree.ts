import type { ChatMessage } from "@/lib/message/chat-message";
import type { MessageNode } from "@/lib/message/message-tree";

/**
 * The chat's tree as last read from the server with the shown messages it does not have yet, each
 * after the message shown before it, in one pass: `tree`, what the view shows; and `kept`, the same
 * without a last question not answered yet, which the server may still refuse (and the view then
 * takes off the screen). Each is `storedTree` itself when it adds nothing to it.
 */
export function shownTree(storedTree: MessageNode[], messages: ChatMessage[]): { tree: MessageNode[]; kept: MessageNode[] } {
  const known = new Set(storedTree.map((node) => node.id));
  const missing = messages.flatMap((message, index) =>
    known.has(message.id) ? [] : [{ id: message.id, parentId: messages[index - 1]?.id ?? null, role: message.role }],
  );
  const last = messages.at(-1);
  const keptCount = last?.role === "user" && missing.at(-1)?.id === last.id ? missing.length - 1 : missing.length;
  const tree = missing.length === 0 ? storedTree : [...storedTree, ...missing];
  if (keptCount === missing.length) return { tree, kept: tree };
  return { tree, kept: keptCount === 0 ? storedTree : [...storedTree, ...missing.slice(0, keptCount)] };
}
