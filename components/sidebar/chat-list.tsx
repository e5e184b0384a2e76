"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { IconButton } from "@/components/ui/icon-button";
import { RetryIcon, SpinnerIcon } from "@/components/ui/icons";
import { errorText } from "@/components/ui/request-error";
import { ChatListItem } from "./chat-list-item";
import { chatListKeysHint } from "./chat-list-keys";
import { groupChatsByDate, type ChatGroup } from "./group-chats-by-date";
import type { ChatList as ChatListState } from "./use-chat-list";

/** The next page starts loading this far before the end of the list scrolls into view. */
const PRELOAD_MARGIN_PX = 200;

type ChatListProps = {
  list: ChatListState;
  activeChatId: string | undefined;
  onNavigate: () => void;
  onDelete: (chat: ChatSummaryJson) => void;
  /** The longest title the server accepts. */
  maxTitleChars: number;
};

/** The user's chats grouped by day, loading further pages as the end of the list comes into view. */
export function ChatList({ list, activeChatId, onNavigate, onDelete, maxTitleChars }: ChatListProps) {
  const { chats, error, isLoading, isLoadingMore, hasMore, loadMore, refresh } = list;
  const now = useMinuteClock();
  const groups = useMemo(() => groupChatsByDate(chats, new Date(now)), [chats, now]);
  const keysHintId = useId();

  const scrollerRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const isEndInView = useInView(sentinelRef, scrollerRef);
  useEffect(() => {
    if (!isEndInView || !hasMore || isLoadingMore || error) return;
    // The observer reports changes only: check where the end is now that the last page has rendered
    // (still in view on a tall screen: the next page follows; pushed down: wait for the scroll).
    if (isNearEnd(sentinelRef.current, scrollerRef.current)) loadMore();
  }, [isEndInView, hasMore, isLoadingMore, error, loadMore, chats.length]);

  return (
    <div ref={scrollerRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-2 pb-4">
      {/* A chat opened from here with the keyboard keeps the focus on its link (the message box does not take it). */}
      <div data-testid="chat-list" data-chat-list aria-busy={isLoadingMore || undefined}>
        <p id={keysHintId} hidden>
          {chatListKeysHint}
        </p>
        {groups.map((group) => (
          <ChatGroupView
            key={group.label}
            group={group}
            activeChatId={activeChatId}
            onNavigate={onNavigate}
            onRenamed={refresh}
            onDelete={onDelete}
            maxTitleChars={maxTitleChars}
            keysHintId={keysHintId}
          />
        ))}
        <div ref={sentinelRef} aria-hidden="true" className="h-px" />
        {isLoading && chats.length === 0 && <ListSkeleton />}
        {!isLoading && !error && chats.length === 0 && (
          <p className="px-3 py-6 text-center text-sm text-muted-foreground">No chats yet. Your conversations will show here.</p>
        )}
        {isLoadingMore && chats.length > 0 && (
          <p role="status" className="flex items-center gap-2 px-3 py-3 text-sm text-muted-foreground">
            <SpinnerIcon className="size-4" />
            Loading more chats…
          </p>
        )}
        {error && !isLoadingMore && (
          <div role="alert" className="mx-1 mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100">
            <p>{chats.length === 0 ? errorText(error) : `More chats could not be loaded. ${errorText(error)}`}</p>
            <IconButton onClick={refresh} variant="alertOutline" className="mt-2" icon={<RetryIcon className="size-3.5" />}>
              Try again
            </IconButton>
          </div>
        )}
      </div>
    </div>
  );
}

type ChatGroupViewProps = {
  group: ChatGroup<ChatSummaryJson>;
  activeChatId: string | undefined;
  onNavigate: () => void;
  onRenamed: () => void;
  onDelete: (chat: ChatSummaryJson) => void;
  maxTitleChars: number;
  keysHintId: string;
};

function ChatGroupView({ group, activeChatId, onNavigate, onRenamed, onDelete, maxTitleChars, keysHintId }: ChatGroupViewProps) {
  const headingId = useId();
  return (
    <div data-testid="chat-group" data-group={group.label} className="pt-3">
      <h2 id={headingId} className="px-3 pb-1 text-xs font-semibold text-muted-foreground">
        {group.label}
      </h2>
      <ul aria-labelledby={headingId} className="flex flex-col gap-px">
        {group.chats.map((chat) => (
          <ChatListItem
            key={chat.id}
            chat={chat}
            isActive={chat.id === activeChatId}
            onNavigate={onNavigate}
            onRenamed={onRenamed}
            onDelete={onDelete}
            maxTitleChars={maxTitleChars}
            keysHintId={keysHintId}
          />
        ))}
      </ul>
    </div>
  );
}

function ListSkeleton() {
  return (
    <div className="pt-3">
      <p role="status" className="sr-only">
        Loading your chats…
      </p>
      <div aria-hidden="true" className="flex flex-col gap-2 px-3 pt-1">
        <div className="h-3 w-16 rounded bg-muted" />
        {[80, 65, 90, 55, 70].map((width) => (
          <div key={width} className="h-7 rounded-md bg-muted motion-safe:animate-pulse" style={{ width: `${width}%` }} />
        ))}
      </div>
    </div>
  );
}

function isNearEnd(sentinel: HTMLElement | null, scroller: HTMLElement | null): boolean {
  if (!sentinel || !scroller) return false;
  return sentinel.getBoundingClientRect().top <= scroller.getBoundingClientRect().bottom + PRELOAD_MARGIN_PX;
}

/** Whether `target` is within the scroll area `root` (or `PRELOAD_MARGIN_PX` below it). */
function useInView(target: React.RefObject<HTMLElement | null>, root: React.RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? false), {
      root: root.current,
      rootMargin: `0px 0px ${PRELOAD_MARGIN_PX}px 0px`,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [target, root]);
  return inView;
}

/** The time, updated every minute: "Today" becomes "Yesterday" at midnight without a reload. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
