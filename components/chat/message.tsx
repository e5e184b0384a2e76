"use client";

import { isToolUIPart } from "ai";
import { memo, useState, type ReactNode } from "react";
import type { FeedbackInput } from "@/lib/message/answer-feedback";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import type { ToolRun } from "@/lib/message/tool-run";
import { IconButton } from "@/components/ui/icon-button";
import { DotsIcon, PencilIcon } from "@/components/ui/icons";
import { BranchSwitcher } from "./branch-switcher";
import { Markdown } from "./markdown";
import { MessageActions } from "./message-actions";
import { MessageEditor } from "./message-editor";
import { MessageStatus } from "./message-status";
import { ThinkingBlock } from "./thinking-block";
import { ToolChip, type ApprovalResponse } from "./tool-chip";
import { UsageNote } from "./usage-note";
import { messageElementId } from "./use-reveal-message";

type MessageProps = {
  message: ChatMessage;
  /** True for the assistant message being streamed right now. */
  isStreaming: boolean;
  /** Given for an answer when it may be answered again (nothing running, and retrying may help). */
  onRegenerate?: (messageId: string) => void;
  /** This answer failed and the error banner below says why. */
  isFailureInBanner?: boolean;
  /** Rates an answer, or takes its rating back (undefined). */
  onRate?: (messageId: string, feedback: FeedbackInput | undefined) => Promise<void>;
  /** Which of its versions this message is, and how many it has (edits, regenerated answers): a switcher when more than one. */
  branchIndex?: number;
  branchCount?: number;
  /** Shows another version of the message; absent while that cannot be done (an answer is being written). */
  onSwitchBranch?: (messageId: string, offset: -1 | 1) => void;
  /** Sends a new version of this user message; absent while that cannot be done. */
  onEdit?: (messageId: string, text: string) => void;
  /** The longest message the server accepts, in characters. */
  maxTextChars?: number;
  /** Given while the user may approve or deny this answer's waiting tool calls. */
  onApprovalResponse?: (response: ApprovalResponse) => void;
  /** A later message follows this one in the conversation shown. */
  isSuperseded?: boolean;
};

function MessageView({ message, isStreaming, onRegenerate, isFailureInBanner = false, onRate, onApprovalResponse, isSuperseded, ...branching }: MessageProps) {
  const { branchIndex, branchCount, onSwitchBranch, onEdit, maxTextChars = Infinity } = branching;
  const isUser = message.role === "user";
  const [isEditing, setIsEditing] = useState(false);
  if (message.role === "system") return <SystemMessage message={message} />;
  // A stopped or failed answer offers Regenerate in its status already.
  const canRegenerate = !isUser && onRegenerate && !message.metadata?.status;
  const hasVersions = branchIndex !== undefined && branchCount !== undefined && branchCount > 1;
  return (
    <article
      id={messageElementId(message.id)}
      data-testid="message"
      data-message-id={message.id}
      data-role={message.role}
      data-status={isStreaming ? "streaming" : "done"}
      aria-busy={isStreaming || undefined}
      className={isUser ? "group/message flex flex-col items-end gap-1" : "group/message flex min-w-0 flex-col gap-1"}
    >
      <h2 className="sr-only">{isUser ? "You said:" : "Parley said:"}</h2>
      {isUser && isEditing && onEdit ? (
        <MessageEditor
          text={textOf(message)}
          maxTextChars={maxTextChars}
          onCancel={() => setIsEditing(false)}
          onSave={(edited) => {
            setIsEditing(false);
            onEdit(message.id, edited);
          }}
        />
      ) : isUser ? (
        <UserBody message={message} />
      ) : (
        <AssistantBody
          message={message}
          isStreaming={isStreaming}
          onRegenerate={onRegenerate}
          isFailureInBanner={isFailureInBanner}
          onApprovalResponse={onApprovalResponse}
          isSuperseded={isSuperseded}
        />
      )}
      {!isStreaming && !isEditing && (
        <MessageActions
          message={message}
          isAlwaysShown={hasVersions}
          onRegenerate={canRegenerate ? () => onRegenerate(message.id) : undefined}
          onRate={!isUser && onRate ? (feedback) => onRate(message.id, feedback) : undefined}
        >
          {hasVersions && (
            <BranchSwitcher
              index={branchIndex}
              count={branchCount}
              noun={isUser ? "message" : "answer"}
              disabled={!onSwitchBranch}
              onSwitch={(offset) => onSwitchBranch?.(message.id, offset)}
            />
          )}
          {isUser && onEdit && (
            <IconButton
              variant="muted"
              data-testid="edit-message"
              className="size-8"
              aria-label="Edit message"
              title="Edit message"
              onClick={() => setIsEditing(true)}
              icon={<PencilIcon className="size-4" />}
            />
          )}
        </MessageActions>
      )}
    </article>
  );
}

function textOf(message: ChatMessage): string {
  return message.parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n\n");
}

/** Instructions a program sent with its conversation (the /v1 API): shown apart, as what the model was told. */
function SystemMessage({ message }: { message: ChatMessage }) {
  return (
    <article id={messageElementId(message.id)} data-testid="message" data-message-id={message.id} data-role="system" className="flex min-w-0 flex-col gap-1">
      <h2 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Instructions</h2>
      <div data-testid="message-text" className="rounded-lg border border-border px-3 py-2 text-sm leading-relaxed whitespace-pre-wrap text-muted-foreground [overflow-wrap:anywhere]">
        {textOf(message)}
      </div>
    </article>
  );
}

function UserBody({ message }: { message: ChatMessage }) {
  return (
    <div
      data-testid="message-text"
      className="max-w-[85%] rounded-2xl rounded-br-md bg-user-bubble px-4 py-2.5 leading-relaxed whitespace-pre-wrap text-user-bubble-foreground [overflow-wrap:anywhere]"
    >
      {textOf(message)}
    </div>
  );
}

function AssistantBody({ message, isStreaming, onRegenerate, isFailureInBanner = false, onApprovalResponse, isSuperseded }: MessageProps) {
  const runs = runsById(message.parts);
  const lastIndex = message.parts.length - 1;
  const thinking = message.metadata?.thinking ?? [];
  let reasoningIndex = -1;
  const blocks: ReactNode[] = [];
  let toolGroup: ReactNode[] = [];
  const flushTools = () => {
    if (toolGroup.length === 0) return;
    blocks.push(
      <div key={`tools-${blocks.length}`} className="flex flex-col items-start gap-2">
        {toolGroup}
      </div>,
    );
    toolGroup = [];
  };

  message.parts.forEach((part, index) => {
    if (isToolUIPart(part)) {
      // While the message streams, useChat may hand over the very object it keeps writing into (on
      // the answer's first update): a copy holds the call as it is now, so the chip's memo sees changes.
      const call = isStreaming ? { ...part } : part;
      toolGroup.push(<ToolChip key={part.toolCallId} part={call} run={runs.get(part.toolCallId)} isStreaming={isStreaming} isSuperseded={isSuperseded} onApprovalResponse={onApprovalResponse} />);
      return;
    }
    if (part.type === "text") {
      flushTools();
      blocks.push(<TextPart key={`text-${index}`} text={part.text} isStreaming={isStreaming && index === lastIndex} />);
    } else if (part.type === "reasoning") {
      // Counted even when empty (reasoning kept only as encrypted content): the timings are per part.
      reasoningIndex += 1;
      if (part.text.trim() === "") return;
      flushTools();
      const isLive = isStreaming && part.state === "streaming";
      blocks.push(<ThinkingBlock key={`reasoning-${index}`} text={part.text} isLive={isLive} timing={thinking[reasoningIndex]} />);
    }
    // step-start, data-toolRun (joined into its chip), sources and files: nothing of their own.
  });
  flushTools();

  const model = message.metadata?.model;
  const status = isStreaming ? undefined : message.metadata?.status;
  const empty = isStreaming ? <Thinking /> : status ? null : <p className="text-muted-foreground italic">No answer.</p>;
  const leftOut = message.metadata?.leftOut ?? 0;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {leftOut > 0 && (
        <p data-testid="context-note" className="text-xs text-muted-foreground">
          {leftOut === 1 ? "The chat's first message was" : `The chat's ${leftOut} earliest messages were`} not sent with this question: the
          whole chat is longer than the model can read at once.
        </p>
      )}
      {blocks.length > 0 ? blocks : empty}
      {!isStreaming && !status && message.metadata?.finishReason === "length" && (
        <p data-testid="length-note" className="text-xs text-muted-foreground">
          The model stopped here: it reached the most it may write in one answer.
        </p>
      )}
      {(status || (model && !isStreaming)) && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          {status && (
            <MessageStatus
              status={status}
              errorText={message.metadata?.errorText}
              isFailureInBanner={isFailureInBanner}
              onRegenerate={onRegenerate && (() => onRegenerate(message.id))}
            />
          )}
          {model && !isStreaming && (
            <p data-testid="answer-model" className="text-xs text-muted-foreground">
              {model}
            </p>
          )}
          {!isStreaming && <UsageNote messages={[message]} data-testid="answer-usage" />}
        </div>
      )}
    </div>
  );
}

const TextPart = memo(function TextPart({ text, isStreaming }: { text: string; isStreaming: boolean }) {
  return (
    <div data-testid="message-text" className="min-w-0">
      <Markdown text={text} isStreaming={isStreaming} />
    </div>
  );
});

export function Thinking() {
  return (
    <p className="inline-flex items-center gap-2 text-muted-foreground">
      <DotsIcon className="size-5 animate-pulse motion-reduce:animate-none" />
      Thinking…
    </p>
  );
}

/** The runtime's report for each tool call of the message, by tool call id. */
function runsById(parts: ChatMessagePart[]): Map<string, ToolRun> {
  const runs = new Map<string, ToolRun>();
  for (const part of parts) {
    if (part.type === "data-toolRun" && part.id !== undefined) runs.set(part.id, part.data);
  }
  return runs;
}

/**
 * One message. Memoised: while an answer streams, only its own message re-renders; finished
 * messages keep their identity in `useChat`'s list and are not rendered (or parsed) again.
 */
export const Message = memo(MessageView);
