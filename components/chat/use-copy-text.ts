"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** How long "Copied" (or the failure) shows after a copy. */
const CONFIRMATION_SHOWN_MS = 2_000;

export type CopyState = "idle" | "copied" | "failed";

/**
 * Copies text to the clipboard and says how it went for a moment. The clipboard may refuse (a page
 * not served over https, a browser that asks and was denied): that shows as "failed", never throws.
 */
export function useCopyText(): { state: CopyState; copy: (text: string) => Promise<void> } {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = useCallback(async (text: string) => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    timer.current = setTimeout(() => setState("idle"), CONFIRMATION_SHOWN_MS);
  }, []);

  return { state, copy };
}
