"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isBusyStatus } from "./chat-status";
import { createAnswerWatch, requestServerStop, stopAnswer, stopOtherAnswer } from "./stop-answer";

/**
 * Stop asks the server to stop and keeps reading the stream, so what stays on screen is exactly
 * what the server stored; only if the stream does not end does the browser abort it. `isStopping`
 * holds from Stop until the answer has ended.
 */
export function useStopAnswer(chatId: string, { status, stop }: Pick<UseChatHelpers<ChatMessage>, "status" | "stop">) {
  const [answers] = useState(() => createAnswerWatch(isBusyStatus(status)));
  useEffect(() => answers.observe(isBusyStatus(status)), [answers, status]);
  const { isRunning, start } = useOneAtATime(
    useCallback(
      () => stopAnswer({ isBusy: answers.isCurrentAnswerBusy(), requestStop: () => requestServerStop(chatId), abortLocally: stop }),
      [answers, chatId, stop],
    ),
  );
  return { isStopping: isRunning && isBusyStatus(status), stopNow: start };
}

/**
 * Stop for an answer this page does not read (another tab's, which refused this page's request):
 * once it is stopped and stored, `onStopped` runs (the banner goes; the message waits in the
 * composer). `isStoppingOther` holds until then.
 */
export function useStopOtherAnswer(chatId: string, onStopped: () => void) {
  const { isRunning, start } = useOneAtATime(
    useCallback(async () => {
      if (await stopOtherAnswer({ requestStop: () => requestServerStop(chatId) })) onStopped();
    }, [chatId, onStopped]),
  );
  return { isStoppingOther: isRunning, stopOther: start };
}

/** Starts `task` unless it is already running (a second click does nothing); `isRunning` holds until it settles. */
function useOneAtATime(task: () => Promise<unknown>) {
  const [isRunning, setIsRunning] = useState(false);
  const running = useRef(false);
  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setIsRunning(true);
    void task().finally(() => {
      running.current = false;
      setIsRunning(false);
    });
  }, [task]);
  return { isRunning, start };
}
