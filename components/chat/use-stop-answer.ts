"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isBusyStatus } from "./chat-status";
import { requestServerStop, stopAnswer } from "./stop-answer";

/**
 * Stop asks the server to stop and keeps reading the stream, so what stays on screen is exactly
 * what the server stored; only if the stream does not end does the browser abort it. `isStopping`
 * holds from Stop until the answer has ended.
 */
export function useStopAnswer(chatId: string, { status, stop }: Pick<UseChatHelpers<ChatMessage>, "status" | "stop">) {
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);
  const [isStopping, setIsStopping] = useState(false);
  const stopping = useRef(false);
  const stopNow = useCallback(() => {
    if (stopping.current) return;
    stopping.current = true;
    setIsStopping(true);
    void stopAnswer({
      isBusy: () => isBusyStatus(statusRef.current),
      requestStop: () => requestServerStop(chatId),
      abortLocally: stop,
    }).finally(() => {
      stopping.current = false;
      setIsStopping(false);
    });
  }, [chatId, stop]);
  return { isStopping: isStopping && isBusyStatus(status), stopNow };
}
