"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { ChatStatus } from "ai";
import type { FeedbackInput } from "@/lib/message/answer-feedback";
import type { ChatMessage } from "@/lib/message/chat-message";
import { IconButton } from "@/components/ui/icon-button";
import { ArrowDownIcon } from "@/components/ui/icons";
import { canAnswerAgain } from "./can-answer-again";
import { isBusyStatus } from "./chat-status";
import { Message, Thinking } from "./message";
import type { ApprovalResponse } from "./tool-chip";
import type { BranchPosition } from "./use-branches";
import { useAutoScroll } from "./use-auto-scroll";
import { useRevealMessage } from "./use-reveal-message";
import { UsageNote } from "./usage-note";

type MessageListProps = {
  messages: ChatMessage[];
  status: ChatStatus;
  /** Shown instead of the conversation while it is empty. */
  emptyState: ReactNode;
  /** Answers the last user message again, replacing the answer with this id. */
  onRegenerate: (messageId: string) => void;
  /** The failed answer whose reason the error banner already shows. */
  failureInBannerId: string | undefined;
  /** Where a message stands among its versions, when it has several. */
  branchPositionOf: (messageId: string) => BranchPosition | undefined;
  onSwitchBranch: (messageId: string, offset: -1 | 1) => void;
  onEdit: (messageId: string, text: string) => void;
  /** The longest message the server accepts, in characters. */
  maxTextChars: number;
  /** Rates an answer, or takes its rating back. */
  onRate: (messageId: string, feedback: FeedbackInput | undefined) => Promise<void>;
  /** Approves or denies a tool call of the last answer that waits for it. */
  onApprovalResponse: (response: ApprovalResponse) => void;
};

/** The conversation: a live log that follows a streaming answer unless the user scrolls away. */
export function MessageList(props: MessageListProps) {
  const { messages, status, emptyState, onRegenerate, failureInBannerId, branchPositionOf, onSwitchBranch, onEdit, maxTextChars, onRate, onApprovalResponse } = props;
  const { scrollerRef, contentRef, isPinned, scrollToBottom, reveal } = useAutoScroll();
  useRevealMessage(messages, reveal);
  const isBusy = isBusyStatus(status);
  const last = messages.at(-1);
  const streamingId = isBusy && last?.role === "assistant" ? last.id : undefined;

  // A message the user just sent brings the view back to the bottom, wherever they had scrolled.
  const lastUserId = messages.findLast((message) => message.role === "user")?.id;
  const seenUserId = useRef(lastUserId);
  useEffect(() => {
    if (lastUserId === seenUserId.current) return;
    seenUserId.current = lastUserId;
    scrollToBottom();
  }, [lastUserId, scrollToBottom]);

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scrollerRef} className="h-full overflow-y-auto [overflow-anchor:none] [scrollbar-gutter:stable_both-edges]">
        <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 py-6">
          {messages.length === 0 && emptyState}
          <div
            data-testid="message-list"
            role="log"
            aria-live="polite"
            aria-label="Conversation"
            aria-busy={isBusy}
            className="flex flex-col gap-6"
          >
            {messages.map((message) => {
              const branch = branchPositionOf(message.id);
              return (
                <Message
                  key={message.id}
                  message={message}
                  isStreaming={message.id === streamingId}
                  // Any answer can be asked for again (a new version beside it), when that may help.
                  onRegenerate={!isBusy && message.role === "assistant" && canAnswerAgain(message) ? onRegenerate : undefined}
                  isFailureInBanner={message.id === failureInBannerId}
                  onRate={onRate}
                  branchIndex={branch?.index}
                  branchCount={branch?.count}
                  onSwitchBranch={isBusy ? undefined : onSwitchBranch}
                  onEdit={isBusy ? undefined : onEdit}
                  maxTextChars={maxTextChars}
                  // Only the chat's last answer goes on after a decision, and only while nothing is being written.
                  onApprovalResponse={!isBusy && message.role === "assistant" && message === last ? onApprovalResponse : undefined}
                  isSuperseded={message !== last}
                />
              );
            })}
            {status === "submitted" && last?.role === "user" && (
              <div className="min-w-0">
                <Thinking />
              </div>
            )}
          </div>
          {/* The answer being written joins the total once it ends: no flicker of half-reported steps. */}
          <UsageNote
            messages={streamingId ? messages.filter((message) => message.id !== streamingId) : messages}
            label="This chat: "
            data-testid="chat-usage"
            className="mt-6 text-center"
          />
        </div>
      </div>
      {!isPinned && messages.length > 0 && (
        <IconButton
          data-testid="jump-to-latest"
          onClick={() => scrollToBottom("smooth")}
          variant="floating"
          className="absolute bottom-3 left-1/2 -translate-x-1/2"
          icon={<ArrowDownIcon className="size-4" />}
        >
          Jump to latest
        </IconButton>
      )}
    </div>
  );
}
