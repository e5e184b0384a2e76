"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChatJson } from "@/lib/chat/chat-json";
import type { ChatMessage } from "@/lib/message/chat-message";
import { versionPositions, type MessageNode } from "@/lib/message/message-tree";
import { requestError } from "@/components/ui/request-error";
import { announce } from "./chat-channel";
import { isBusyStatus } from "./chat-status";
import { shownTree } from "./shown-tree";

type BranchedChat = Pick<UseChatHelpers<ChatMessage>, "messages" | "status" | "setMessages">;

/** Where a message stands among its versions; only for a message that has more than one. */
export type BranchPosition = { index: number; count: number };

/**
 * The chat's tree as the view knows it: as last read from the server, with every message shown since
 * (a new question, an edit, a regenerated answer) in its place. Switching to another version of a
 * message asks the server (the active branch is the chat's, for every view and the model), then
 * shows the branch it answers with, and keeps keyboard focus on the switcher that was used.
 */
export function useBranches(chatId: string, initialTree: MessageNode[], { messages, status, setMessages }: BranchedChat) {
  const [storedTree, setStoredTree] = useState(initialTree);
  const [isSwitching, setIsSwitching] = useState(false);
  const [switchError, setSwitchError] = useState<string | undefined>(undefined);
  const { tree, kept } = useMemo(() => shownTree(storedTree, messages), [storedTree, messages]);
  // Kept once shown and stored (React's state adjusted while rendering): an edit takes the edited
  // message off the screen, and it is the new version's sibling. A question not answered yet may
  // still be refused (and taken off the screen): it is kept once its answer shows.
  if (kept !== storedTree) setStoredTree(kept);

  const positions = useMemo(() => versionPositions(tree), [tree]);
  const positionOf = useCallback((messageId: string): BranchPosition | undefined => positions.get(messageId), [positions]);

  // Read when a switch is asked for: the callback stays the same while an answer streams, so the
  // finished messages it is passed to are not rendered again.
  const latest = useRef({ positions, status, isSwitching });
  useEffect(() => {
    latest.current = { positions, status, isSwitching };
  }, [positions, status, isSwitching]);

  // Counted the moment a switch is shown, for a read of the chat begun before it (use-chat-sync.ts).
  const switchCount = useRef(0);

  /** Asks the server to show the branch through `messageId`; true once it is shown. */
  const showBranchOf = useCallback(
    async (messageId: string): Promise<boolean> => {
      if (latest.current.isSwitching || isBusyStatus(latest.current.status)) return false;
      latest.current.isSwitching = true;
      setIsSwitching(true);
      setSwitchError(undefined);
      try {
        const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}/branch`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ messageId }),
        });
        if (!response.ok) throw await requestError(response, "The other version could not be loaded.");
        const chat = (await response.json()) as ChatJson;
        switchCount.current += 1;
        setMessages(chat.messages);
        setStoredTree(chat.tree);
        announce({ type: "chat-changed", chatId });
        return true;
      } catch (error) {
        setSwitchError(error instanceof TypeError ? "The other version could not be loaded: check your connection and try again." : (error as Error).message);
        return false;
      } finally {
        latest.current.isSwitching = false;
        setIsSwitching(false);
      }
    },
    [chatId, setMessages],
  );

  const switchBranch = useCallback(
    async (messageId: string, offset: -1 | 1) => {
      const position = latest.current.positions.get(messageId);
      const target = position?.versionIds[position.index + offset];
      if (target !== undefined && (await showBranchOf(target))) focusSwitcher(target, offset);
    },
    [showBranchOf],
  );

  // Opened at a message of another branch (Find found it there): that branch is shown.
  const openAt = useSearchParams().get("message");
  const isOpenAtHidden = openAt !== null && tree.some((node) => node.id === openAt) && !messages.some((message) => message.id === openAt);
  const openedAt = useRef<string | null>(null);
  useEffect(() => {
    if (openAt === null || !isOpenAtHidden || openedAt.current === openAt) return;
    openedAt.current = openAt;
    // Not now (an answer is being written): tried again when it ends.
    void showBranchOf(openAt).then((shown) => {
      if (!shown) openedAt.current = null;
    });
  }, [openAt, isOpenAtHidden, showBranchOf, status]);

  return { positionOf, switchBranch, isSwitching, switchError, clearSwitchError: () => setSwitchError(undefined), setStoredTree, switchCount };
}

/**
 * The same button of the switcher on the version now shown: the old one left the page with its
 * message. The new one is there once the chat has rendered the branch (its updates are throttled),
 * so it is looked for on each frame for a moment.
 */
function focusSwitcher(messageId: string, offset: -1 | 1, framesLeft = 30) {
  requestAnimationFrame(() => {
    const button = offset < 0 ? "branch-previous" : "branch-next";
    const target = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"] [data-testid="${button}"]`);
    if (target) target.focus();
    else if (framesLeft > 0) focusSwitcher(messageId, offset, framesLeft - 1);
  });
}
