"use client";

import { useEffect, useState } from "react";
import type { ChatSearchJson } from "@/lib/chat/chat-search-json";
import { searchChats } from "@/components/sidebar/chats-api";
import { errorText } from "@/components/ui/request-error";

/** How long typing pauses before the query is sent: one request per pause, not one per key. */
const DEBOUNCE_MS = 150;

export type ChatSearchState =
  | { status: "idle" }
  | { status: "searching"; previous: ChatSearchJson | undefined }
  | { status: "done"; result: ChatSearchJson }
  | { status: "failed"; error: string };

/**
 * Searches the user's chats as the query changes, once typing pauses. Only the latest query's answer
 * is shown: a request for an earlier one is aborted, and an answer that arrives late is dropped.
 */
export function useChatSearch(query: string): ChatSearchState {
  const trimmed = query.trim();
  const [state, setState] = useState<{ query: string; state: ChatSearchState }>({ query: "", state: { status: "idle" } });

  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchChats(trimmed, controller.signal).then(
        (result) => setState({ query: trimmed, state: { status: "done", result } }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ query: trimmed, state: { status: "failed", error: errorText(error) } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed]);

  if (!trimmed) return { status: "idle" };
  if (state.query === trimmed) return state.state;
  // Typed on: the last answer stays on screen (no flicker) until the new one arrives.
  return { status: "searching", previous: state.state.status === "done" ? state.state.result : undefined };
}
