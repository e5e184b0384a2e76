import { ParleyError } from "@/lib/errors";
import { latestLeafUnder } from "@/lib/message/message-tree";
import type { StoredChat } from "@/lib/store/chat-store";
import { chatNotFound } from "./chat-id";
import { loadChat } from "./load-chat";
import type { RecoverInterruptedAnswerOptions } from "./recover-interrupted-answer";

/**
 * Shows the branch through `messageId` (a sibling the user picked): the chat's active path becomes
 * the path to the newest message under it, for every view and for the model. Refused (409) while
 * an answer is being written: that answer is stored at the end of the path it was asked on.
 */
export async function switchBranch(options: RecoverInterruptedAnswerOptions & { messageId: string }): Promise<StoredChat> {
  const { stores, userId, chatId, messageId, now = Date.now } = options;
  const chat = await loadChat({ stores, userId, chatId, now });
  if (!chat) throw chatNotFound();
  const leafId = latestLeafUnder(chat.tree, messageId);
  if (leafId === undefined) throw new ParleyError("not_found", "This chat has no message with this id.");
  // The store refuses (409) while an answer is being written, in the same write that switches.
  if (!(await stores.chats.setActiveLeaf(userId, chatId, leafId, { now: now() }))) throw chatNotFound();
  const switched = await stores.chats.getChat(userId, chatId);
  if (!switched) throw chatNotFound();
  return switched;
}
