"use client";

import "@/components/ui/zod-without-eval";
import { useChat, type UseChatHelpers } from "@ai-sdk/react";
import { lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { useState } from "react";
import type { ModelOption } from "@/lib/ai/models";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { MessageNode } from "@/lib/message/message-tree";
import { useChatShell } from "@/components/sidebar/chat-shell-context";
import { canAnswerAgain } from "./can-answer-again";
import { isBusyStatus } from "./chat-status";
import { announce } from "./chat-channel";
import { CHAT_ROOT_ATTRIBUTE } from "./chat-code-gate";
import { ChatHeader } from "./chat-header";
import { createChatTransport } from "./chat-transport";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { ErrorBanner } from "./error-banner";
import { MessageList } from "./message-list";
import { ModelPicker } from "./model-picker";
import { ToolsNotice } from "./tools-notice";
import { useBranches } from "./use-branches";
import { useChatCommands } from "./use-chat-commands";
import { useChatSync } from "./use-chat-sync";
import { useRefusedDecision } from "./use-refused-decision";
import { useResume } from "./use-resume";
import { useMarkFailedAnswer } from "./use-mark-failed-answer";
import { useNewChatAddress } from "./use-new-chat-address";
import { useRateAnswer } from "./use-rate-answer";
import { useStopAnswer, useStopOtherAnswer } from "./use-stop-answer";
import { useUnavailableTools } from "./use-unavailable-tools";

/** Message updates reach React at most this often while an answer streams. */
const RENDER_THROTTLE_MS = 50;

type ChatProps = {
  /** The chat's id: from the URL for a stored chat, made by the server for a new one. */
  chatId: string;
  /** The stored chat's title; none for a new chat. */
  title?: string;
  /** The stored conversation (its active branch), rendered on the server; empty for a new chat. */
  initialMessages: ChatMessage[];
  /** Where every stored message sits in the chat's tree: its branches. */
  initialTree: MessageNode[];
  /** The longest message the server accepts, in characters. */
  maxTextChars: number;
  /** The models to choose from, and the one this chat goes on with. */
  models: readonly ModelOption[];
  modelId: string;
};

/**
 * One conversation: messages, composer, errors. The server stores every message; the browser sends
 * only the new one. Render it with `key={chatId}`: another chat is another `useChat`.
 */
export function Chat({ chatId, title, initialMessages, initialTree, maxTextChars, models, modelId: initialModelId }: ChatProps) {
  const { refreshChatList } = useChatShell();
  const [modelId, setModelId] = useState(initialModelId);
  // The transport is made once; each request reads the model chosen at that moment.
  const [{ transport, setRequestModel }] = useState(() => {
    let requestModel = initialModelId;
    return { transport: createChatTransport(() => requestModel), setRequestModel: (id: string) => void (requestModel = id) };
  });
  const chooseModel = (id: string) => {
    setRequestModel(id);
    setModelId(id);
  };
  const chat = useChat<ChatMessage>({
    id: chatId,
    messages: initialMessages,
    transport,
    throttle: RENDER_THROTTLE_MS,
    // Once every waiting call of the answer is approved or denied, the decisions go to the server.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    // Finished, stopped or failed: the chat moved to the top of the list (and may have a title now),
    // here and in the other tabs.
    onFinish: () => {
      refreshChatList();
      announce({ type: "chat-changed", chatId });
    },
  });
  const { messages, status, clearError } = chat;
  const isBusy = isBusyStatus(status);
  const unavailableTools = useUnavailableTools(!isBusy);
  useNewChatAddress(chatId, { isStored: initialMessages.length > 0, messages });
  useMarkFailedAnswer(chat);
  // A stored chat may have an answer being written (by another tab, or before a reload). A new chat has nothing to resume.
  const { afterResume, resumeNow } = useResume(chat.resumeStream, initialMessages.length > 0);
  const branches = useBranches(chatId, initialTree, chat);
  const { showStoredChat } = useChatSync(chatId, chat, resumeNow, branches);
  const { refusal, dismissRefusal, decide } = useRefusedDecision(chat, showStoredChat);
  const { composerRef, send, sendExample, editMessage, retry, regenerateAnswer, wasRefused } = useChatCommands(chat, afterResume);
  const { isStopping, stopNow } = useStopAnswer(chatId, chat);
  const { isStoppingOther, stopOther } = useStopOtherAnswer(chatId, clearError);
  const rateAnswer = useRateAnswer(chatId, chat.setMessages);
  const banner = errorBannerOf(chat, refusal);
  // A new chat is stored once its first answer has started (see useNewChatAddress).
  const isStored = initialMessages.length > 0 || messages.some((message) => message.role === "assistant");

  return (
    <div data-testid="chat" {...{ [CHAT_ROOT_ATTRIBUTE]: "" }} className="flex min-h-0 flex-1 flex-col">
      <ChatHeader chatId={chatId} title={title ?? "New chat"} isStored={isStored} />
      <MessageList
        messages={messages}
        status={status}
        emptyState={<EmptyState onPick={sendExample} />}
        onRegenerate={regenerateAnswer}
        failureInBannerId={banner?.failedAnswerId}
        branchPositionOf={branches.positionOf}
        onSwitchBranch={branches.switchBranch}
        onEdit={editMessage}
        maxTextChars={maxTextChars}
        onRate={rateAnswer}
        onApprovalResponse={decide}
      />
      <div className="mx-auto w-full max-w-3xl shrink-0 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4">
        {banner && (
          <ErrorBanner
            error={banner.error}
            canRetry={banner.canRetry}
            wasRefused={wasRefused || banner.isRefusedDecision}
            onRetry={retry}
            onStopOtherAnswer={stopOther}
            isStoppingOtherAnswer={isStoppingOther}
            onDismiss={banner.isRefusedDecision ? dismissRefusal : clearError}
          />
        )}
        <ToolsNotice servers={unavailableTools} />
        {branches.switchError && (
          <p role="alert" data-testid="branch-error" className="mb-2 flex items-center justify-between gap-3 text-sm text-red-700 dark:text-red-300">
            {branches.switchError}
            <button type="button" className="text-xs font-medium underline" onClick={branches.clearSwitchError}>
              Dismiss
            </button>
          </p>
        )}
        <Composer isBusy={isBusy} isStopping={isStopping} onSend={send} onStop={stopNow} handleRef={composerRef} maxTextChars={maxTextChars} />
        <div className="mt-1.5 flex items-center justify-between gap-3">
          <ModelPicker models={models} value={modelId} onChange={chooseModel} />
          <p className="hidden text-xs text-muted-foreground sm:block">Enter to send · Shift+Enter for a new line</p>
        </div>
      </div>
    </div>
  );
}

/**
 * What the error banner shows, if anything. A provider failure is marked on the answer too: the
 * banner then carries the reason and Retry (when the answer says retrying may help), and the
 * answer a short mark. A refused decision is shown as not sent: the chip shows its call as stored,
 * decided again there (Retry would ask for a new answer instead).
 */
function errorBannerOf({ messages, status, error }: UseChatHelpers<ChatMessage>, refusedDecision: Error | undefined) {
  if (refusedDecision) return { error: refusedDecision, failedAnswerId: undefined, canRetry: false, isRefusedDecision: true };
  if (!error || status !== "error") return undefined;
  const last = messages.at(-1);
  const failedAnswer = last?.role === "assistant" && last.metadata?.status === "failed" ? last : undefined;
  return { error, failedAnswerId: failedAnswer?.id, canRetry: failedAnswer === undefined || canAnswerAgain(failedAnswer), isRefusedDecision: false };
}
