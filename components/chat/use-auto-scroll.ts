"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/** Scrolling down to within this many pixels of the bottom pins the view again. */
const BOTTOM_THRESHOLD_PX = 48;
/** Keys that scroll a focused container up. */
const SCROLL_UP_KEYS = new Set(["ArrowUp", "PageUp", "Home"]);

/**
 * Keeps a scroll container pinned to its bottom while its content grows (a streaming answer), until
 * the user scrolls up; scrolling back down to the bottom (or `scrollToBottom`) pins it again.
 * `isPinned` says whether it is following, e.g. to offer a "Jump to latest" button when it is not.
 */
export function useAutoScroll() {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const pinnedRef = useRef(true);
  const lastScrollTopRef = useRef(0);
  const [isPinned, setIsPinned] = useState(true);

  const setPinned = useCallback((pinned: boolean) => {
    if (pinnedRef.current === pinned) return;
    pinnedRef.current = pinned;
    setIsPinned(pinned);
  }, []);

  const scrollToBottom = useCallback(
    (behavior: ScrollBehavior = "auto") => {
      const scroller = scrollerRef.current;
      setPinned(true);
      scroller?.scrollTo({ top: scroller.scrollHeight, behavior });
    },
    [setPinned],
  );

  /** Brings an element of the content into view, and stops following the bottom. */
  const reveal = useCallback(
    (element: HTMLElement) => {
      setPinned(false);
      element.scrollIntoView({ block: "center" });
    },
    [setPinned],
  );

  useEffect(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    const stopFollowing = followWhilePinned(scroller, content, pinnedRef);
    const stopWatching = watchUserScroll(scroller, setPinned, lastScrollTopRef);
    return () => {
      stopFollowing();
      stopWatching();
    };
  }, [setPinned]);

  return { scrollerRef, contentRef, isPinned, scrollToBottom, reveal };
}

/**
 * Content grew (tokens, a chip expanded) or the viewport changed (keyboard, rotation): back to the
 * bottom while pinned. Returns the function that stops it.
 */
function followWhilePinned(scroller: HTMLElement, content: HTMLElement, pinnedRef: RefObject<boolean>): () => void {
  const follow = () => {
    if (pinnedRef.current) scroller.scrollTop = scroller.scrollHeight;
  };
  const observer = new ResizeObserver(follow);
  observer.observe(content);
  observer.observe(scroller);
  return () => observer.disconnect();
}

/** Unpins when the user scrolls up, pins again at the bottom. Returns the function that stops it. */
function watchUserScroll(scroller: HTMLElement, setPinned: (pinned: boolean) => void, lastScrollTopRef: RefObject<number>): () => void {
  const distanceFromBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;

  // The user's intent to scroll up counts before the scroll happens: a smooth wheel scroll moves
  // a few pixels at a time, and following new tokens would otherwise undo each step.
  const releaseIfScrollable = () => {
    if (distanceFromBottom() > 0 || scroller.scrollTop > 0) setPinned(false);
  };
  const onWheel = (event: WheelEvent) => {
    if (event.deltaY < 0) releaseIfScrollable();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (SCROLL_UP_KEYS.has(event.key)) releaseIfScrollable();
  };
  const onTouchMove = () => releaseIfScrollable();

  const onScroll = () => {
    const { scrollTop } = scroller;
    const distance = distanceFromBottom();
    const movedUp = scrollTop < lastScrollTopRef.current - 1;
    lastScrollTopRef.current = scrollTop;
    if (distance <= 2) setPinned(true);
    else if (movedUp) setPinned(false);
    else if (distance <= BOTTOM_THRESHOLD_PX) setPinned(true);
  };

  scroller.addEventListener("scroll", onScroll, { passive: true });
  scroller.addEventListener("wheel", onWheel, { passive: true });
  scroller.addEventListener("touchmove", onTouchMove, { passive: true });
  scroller.addEventListener("keydown", onKeyDown);
  return () => {
    scroller.removeEventListener("scroll", onScroll);
    scroller.removeEventListener("wheel", onWheel);
    scroller.removeEventListener("touchmove", onTouchMove);
    scroller.removeEventListener("keydown", onKeyDown);
  };
}
