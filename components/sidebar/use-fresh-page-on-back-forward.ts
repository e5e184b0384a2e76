"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Back and Forward show a page as it was first loaded, but a chat may have grown since, or have been
 * started on "/" (its address set with replaceState, so "/" is what the router remembers). The
 * page is loaded again from the server; the chat page's key changes with the stored chat, so the
 * conversation shows as it is stored now.
 */
export function useFreshPageOnBackForward() {
  const router = useRouter();
  useEffect(() => {
    // After the router has handled the history entry itself.
    const onPopState = () => setTimeout(() => router.refresh(), 0);
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [router]);
}
