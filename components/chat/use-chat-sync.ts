"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { ChatJson } from "@/lib/chat/chat-json";
import type { AnswerInterruptedText } from "@/lib/chat/resume-chat-stream";
import type { ChatMessage } from "@/lib/message/chat-message";
import { announce, listen } from "./chat-channel";
import { takeNewsHeardEarly } from "./chat-code-gate";
import { isBusyStatus } from "./chat-status";

/** How long a view waits before it reads the stored chat again when the first read failed. */
const MISSED_QUESTION_RETRY_MS = 1_500;

type SyncedChat = Pick<UseChatHelpers<ChatMessage>, "messages" | "status" | "error" | "setMessages" | "clearError">;

/**
 * How a followed answer ends when its log could not be read to its end (its writer died, or the
 * next answer's log replaced it between two reads): the stored chat has how it really ended.
 */
const ANSWER_INTERRUPTED_TEXT: AnswerInterruptedText = "The answer was interrupted before it finished. Reload the chat to see what was saved.";

/**
 * Keeps an open chat the same as in the user's other tabs and devices. When an answer starts or
 * ends here, the other tabs of this browser are told (chat-channel.ts); a tab told so, or one that
 * becomes visible again (another device may have written), reads the stored chat, shows its
 * messages, and resumes the answer being written, if any. A tab busy with an answer of its own
 * already follows the chat's one answer; a message sent here while the stored chat was read wins.
 * A chat deleted elsewhere is shown as gone; a followed answer whose end could not be read is
 * replaced by the stored one. (The end of an answer is announced by the chat's onFinish.)
 * Returns `showStoredChat`, which reads the stored chat now and shows it (with its live answer).
 */
export function useChatSync(
  chatId: string,
  { messages, status, error, setMessages, clearError }: SyncedChat,
  resumeNow: () => Promise<void>,
  branches: {
    /** Hears the chat's tree (its branches) each time the stored chat is read. */
    setStoredTree: (tree: ChatJson["tree"]) => void;
    /** How many branch switches were shown: one shown during a read makes what was read older than the screen. */
    switchCount: RefObject<number>;
  },
) {
  const { setStoredTree: onStoredTree, switchCount } = branches;
  const router = useRouter();
  const latest = useRef({ messages, status });
  useEffect(() => {
    latest.current = { messages, status };
  }, [messages, status]);

  // An answer started here: its message appeared, so the user's message is stored.
  const lastAnswerId = lastAnswerIdOf(messages);
  const announcedAnswerId = useRef(lastAnswerId);
  useEffect(() => {
    if (lastAnswerId === undefined || lastAnswerId === announcedAnswerId.current) return;
    announcedAnswerId.current = lastAnswerId;
    announce({ type: "chat-changed", chatId });
  }, [lastAnswerId, chatId]);

  // One read at a time; news that arrives meanwhile is read once more after it.
  const syncing = useRef(false);
  const again = useRef(false);
  const sync = useCallback(async () => {
    if (syncing.current) {
      again.current = true;
      return;
    }
    syncing.current = true;
    try {
      do {
        again.current = false;
        await syncOnce();
      } while (again.current);
    } finally {
      syncing.current = false;
    }

    async function syncOnce() {
      const before = latest.current;
      const switchesBefore = switchCount.current;
      // A new chat has nothing stored yet; a busy one is following the chat's answer already.
      if (before.messages.length === 0 || isBusyStatus(before.status)) return;
      const stored = await readStoredChat(chatId);
      if (stored === "gone") return router.refresh();
      // A message sent here meanwhile wins: its answer brings the chat up to date.
      const sentMeanwhile = lastUserIdOf(latest.current.messages) !== lastUserIdOf(before.messages);
      if (!stored || sentMeanwhile || isBusyStatus(latest.current.status)) return;
      // Another version shown meanwhile: what was read may be older than the screen. Read again.
      if (switchCount.current !== switchesBefore) {
        again.current = true;
        return;
      }
      onStoredTree(stored.tree);
      if (!sameMessages(before.messages, stored.messages)) {
        announcedAnswerId.current = lastAnswerIdOf(stored.messages);
        setMessages(stored.messages);
      }
      await resumeNow();
    }
  }, [chatId, router, setMessages, resumeNow, onStoredTree, switchCount]);

  // An answer followed right after another answer answers a question this view never showed: sent
  // elsewhere after this page was loaded, or a regeneration. The stored chat has what came between.
  const missedQuestion = isBusyStatus(status) && lastTwoAreAnswers(messages);
  useEffect(() => {
    if (!missedQuestion) return;
    // Not cancelled when the answer ends meanwhile: the view still lacks the question then.
    const showMissed = async (attemptsLeft: number) => {
      const stored = await readStoredChat(chatId);
      if (stored === "gone") return;
      // Not readable now (offline, a failing server): once more a little later.
      if (!stored) {
        if (attemptsLeft > 0) setTimeout(() => void showMissed(attemptsLeft - 1), MISSED_QUESTION_RETRY_MS);
        return;
      }
      onStoredTree(stored.tree);
      setMessages((shown) => {
        const live = shown.at(-1);
        if (live?.role !== "assistant") return shown;
        return [...stored.messages.filter((message) => message.id !== live.id), live];
      });
    };
    void showMissed(1);
  }, [missedQuestion, chatId, setMessages, onStoredTree]);

  useEffect(() => listen((message) => message.chatId === chatId && void sync()), [chatId, sync]);
  // News heard while the chat's code was on its way (chat-code-gate.ts) is read now.
  useEffect(() => {
    if (takeNewsHeardEarly(chatId)) void sync();
  }, [chatId, sync]);
  const interrupted = status === "error" && error?.message === ANSWER_INTERRUPTED_TEXT;
  useEffect(() => {
    if (!interrupted) return;
    clearError();
    void sync();
  }, [interrupted, clearError, sync]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && void sync();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [sync]);
  return { showStoredChat: sync };
}

/** The stored chat; "gone" when it was deleted; undefined when it could not be read (offline: the next sync tries again). */
async function readStoredChat(chatId: string): Promise<ChatJson | "gone" | undefined> {
  try {
    const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, { headers: { accept: "application/json" } });
    if (response.status === 404) return "gone";
    return response.ok ? ((await response.json()) as ChatJson) : undefined;
  } catch {
    return undefined;
  }
}

export function lastUserIdOf(messages: ChatMessage[]): string | undefined {
  return messages.findLast((message) => message.role === "user")?.id;
}

function lastAnswerIdOf(messages: ChatMessage[]): string | undefined {
  const last = messages.at(-1);
  return last?.role === "assistant" ? last.id : undefined;
}

function lastTwoAreAnswers(messages: ChatMessage[]): boolean {
  return messages.at(-1)?.role === "assistant" && messages.at(-2)?.role === "assistant";
}

function sameMessages(shown: ChatMessage[], stored: ChatMessage[]): boolean {
  return JSON.stringify(shown) === JSON.stringify(stored);
}
