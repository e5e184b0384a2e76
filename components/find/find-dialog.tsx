"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { ChatSearchHitJson, ChatSearchJson } from "@/lib/chat/chat-search-json";
import { IconButton } from "@/components/ui/icon-button";
import { CloseIcon, SearchIcon } from "@/components/ui/icons";
import { FindResults } from "./find-results";
import { type ChatSearchState, useChatSearch } from "./use-chat-search";

type FindDialogProps = {
  onClose: () => void;
  /** A hit was opened: the page navigates (the drawer, if open, closes). */
  onNavigate: () => void;
};

/**
 * Find: search the user's chats by title and content. A native modal dialog (focus stays inside,
 * Escape closes it, the focus returns where it was); the input is a combobox over a listbox of hits,
 * moved through with the arrow keys, opened with Enter or a click, at the message that matched.
 */
export function FindDialog({ onClose, onNavigate }: FindDialogProps) {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const search = useChatSearch(query);
  const result = shownResult(search);
  const hits = result?.hits ?? [];
  const [active, setActive] = useState<{ result: ChatSearchJson | undefined; index: number }>({ result, index: 0 });
  // New hits: the first one is active again.
  const activeIndex = active.result === result ? Math.min(active.index, hits.length - 1) : 0;
  const titleId = useId();
  const listboxId = useId();
  const optionId = useCallback((index: number) => `${listboxId}-option-${index}`, [listboxId]);

  useEffect(() => {
    // Unmounting removes the dialog, which also ends its modal state: no cleanup needed.
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const openHit = (hit: ChatSearchHitJson) => {
    dialogRef.current?.close();
    onNavigate();
    router.push(hitAddress(hit));
  };

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter and the arrows belong to an input method while it composes a word (Japanese, Chinese…).
    if (event.nativeEvent.isComposing) return;
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, PageDown: hits.length - 1, PageUp: 0 };
    const next = moves[event.key];
    if (next !== undefined && hits.length > 0) {
      event.preventDefault();
      setActive({ result, index: (next + hits.length) % hits.length });
    } else if (event.key === "Enter") {
      event.preventDefault();
      const hit = hits[activeIndex];
      if (hit) openHit(hit);
    }
  };
  const onDialogKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Escape") return;
    // Handled here (marked as such, so the drawer behind stays open).
    event.preventDefault();
    event.currentTarget.close();
  };
  const onDialogClick = (event: MouseEvent<HTMLDialogElement>) => {
    // A click on the backdrop (the dialog element itself, outside its panel) closes it.
    if (event.target === event.currentTarget) event.currentTarget.close();
  };

  return (
    <dialog
      ref={dialogRef}
      data-testid="find-dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      onClose={onClose}
      onKeyDown={onDialogKeyDown}
      onClick={onDialogClick}
      className="mx-auto mt-[8dvh] mb-auto flex max-h-[84dvh] w-[min(36rem,calc(100vw-1.5rem))] flex-col rounded-2xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/50 [&:not([open])]:hidden"
    >
      <div className="flex items-center gap-2 border-b border-border px-3">
        <SearchIcon className="size-5 shrink-0 text-muted-foreground" />
        <h2 id={titleId} className="sr-only">
          Find chats
        </h2>
        <input
          data-testid="find-input"
          role="combobox"
          aria-labelledby={titleId}
          aria-expanded={hits.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(activeIndex) : undefined}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder="Search your chats"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onInputKeyDown}
          className="h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground"
        />
        <IconButton
          aria-label="Close"
          title="Close (Esc)"
          onClick={() => dialogRef.current?.close()}
          variant="muted"
          className="size-9 shrink-0"
          icon={<CloseIcon className="size-5" />}
        />
      </div>
      <FindResults
        listboxId={listboxId}
        hits={hits}
        activeIndex={activeIndex}
        optionId={optionId}
        onHover={(index) => setActive({ result, index })}
        onOpen={openHit}
      />
      <p role="status" data-testid="find-status" className="border-t border-border px-4 py-2 text-xs text-muted-foreground">
        {statusText(search, query.trim())}
      </p>
    </dialog>
  );
}

/** What the list shows: the answer to the query, or the last answer while the next one is on its way. */
function shownResult(search: ChatSearchState): ChatSearchJson | undefined {
  if (search.status === "done") return search.result;
  if (search.status === "searching") return search.previous;
  return undefined;
}

function statusText(search: ChatSearchState, query: string): string {
  switch (search.status) {
    case "idle":
      return "Search the titles and messages of your chats. ↑ ↓ to choose, Enter to open, Esc to close.";
    case "searching":
      return "Searching…";
    case "failed":
      return search.error;
    case "done": {
      const { hits, truncated } = search.result;
      const found = hits.length === 0 ? `No chats match “${query}”.` : `${hits.length} ${hits.length === 1 ? "chat" : "chats"} found.`;
      return truncated ? `${found} Only your most recent chats were searched.` : found;
    }
  }
}

/** The chat, at the message that matched (the chat page brings it into view). */
function hitAddress({ chat, messageId }: ChatSearchHitJson): string {
  const path = `/chat/${encodeURIComponent(chat.id)}`;
  return messageId ? `${path}?${new URLSearchParams({ message: messageId })}` : path;
}
