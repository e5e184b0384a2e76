"use client";

import { useCallback, useEffect, useState } from "react";

/** Find is open or closed; Ctrl+K (⌘K on a Mac) opens it from anywhere in the app. */
export function useFindDialog() {
  const [isFindOpen, setIsFindOpen] = useState(false);
  const openFind = useCallback(() => setIsFindOpen(true), []);
  const closeFind = useCallback(() => setIsFindOpen(false), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      // The browser's own Ctrl+K (its search bar) gives way to the app's.
      event.preventDefault();
      setIsFindOpen(true);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return { isFindOpen, openFind, closeFind };
}
