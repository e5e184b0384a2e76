"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Resumes the answer being written in the chat (`GET /api/chat/{id}/stream`: the answer from its
 * start, then live, or 204): once on mount for a stored chat, and whenever `resumeNow` is called
 * (another tab started an answer). `afterResume` settles when the last resume has: a message sent
 * before then would race it, since the SDK sets the chat "ready" when a 204 arrives, even over the
 * new message's answer.
 */
export function useResume(resumeStream: () => Promise<void>, resumeOnMount: boolean) {
  const resumed = useRef<Promise<void>>(Promise.resolve());
  const resume = useRef(resumeStream);
  useEffect(() => {
    resume.current = resumeStream;
  }, [resumeStream]);
  const resumeNow = useCallback(() => {
    // A failed resume shows in the chat's own error state; senders only wait for it to settle.
    resumed.current = resume.current().catch(() => undefined);
    return resumed.current;
  }, []);
  const onMount = useRef(resumeOnMount);
  useEffect(() => {
    if (onMount.current) void resumeNow();
  }, [resumeNow]);
  const afterResume = useCallback(() => resumed.current, []);
  return { afterResume, resumeNow };
}
