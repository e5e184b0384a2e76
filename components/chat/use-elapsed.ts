"use client";

import { useEffect, useState } from "react";

/** A run further in the past than this is taken as clock skew between server and browser. */
const MAX_PLAUSIBLE_MS = 60 * 60_000;

/**
 * Milliseconds since `startedAt` (server clock, epoch ms), ticking while `active`. Falls back to the
 * moment the component first rendered when the server time is missing or implausible (skewed).
 */
export function useElapsed(startedAt: number | undefined, { active, intervalMs = 100 }: { active: boolean; intervalMs?: number }) {
  const [mountedAt] = useState(() => Date.now());
  const [now, setNow] = useState(mountedAt);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);

  const origin = startedAt !== undefined && startedAt <= now && now - startedAt < MAX_PLAUSIBLE_MS ? startedAt : mountedAt;
  return Math.max(0, now - origin);
}
