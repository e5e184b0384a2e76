"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Resumes the answer being written in a stored chat, once, on mount (`GET /api/chat/{id}/stream`:
 * the answer from its start, then live, or 204). Returns when it has settled: a message sent
 * before then would race it, since the SDK sets the chat "ready" when the 204 arrives, even over
 * the new message's answer.
 */
export function useResumeOnMount(resumeStream: () => Promise<void>, shouldResume: boolean): () => Promise<void> {
  const resumed = useRef<Promise<void>>(Promise.resolve());
  const resume = useRef(resumeStream);
  const should = useRef(shouldResume);
  useEffect(() => {
    if (!should.current) return;
    // A failed resume shows in the chat's own error state; senders only wait for it to settle.
    resumed.current = resume.current().catch(() => undefined);
  }, []);
  return useCallback(() => resumed.current, []);
}
