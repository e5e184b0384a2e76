import type { ChatMessage, ChatMessagePart } from "./chat-message";

/** The result the model is given for a tool call its answer left without one (Stop, a dropped connection, a crash). */
export const INTERRUPTED_TOOL_CALL_TEXT = "The tool call was stopped before it finished.";

/**
 * Answers stored before stored messages kept unfinished tool calls as they were shown hold such a
 * call closed with the interrupted error. It is read back as the call it was (its input, no
 * result), so its chip shows "stopped", as it did live, instead of "failed".
 */
export function reopenInterruptedToolCalls(message: ChatMessage): ChatMessage {
  if (message.role !== "assistant" || !message.parts.some(isClosedAsInterrupted)) return message;
  const parts = message.parts.map((part): ChatMessagePart => {
    if (!isClosedAsInterrupted(part)) return part;
    const { errorText: _errorText, ...call } = part as ChatMessagePart & { errorText: string };
    return { ...call, state: "input-available" } as ChatMessagePart;
  });
  return { ...message, parts };
}

function isClosedAsInterrupted(part: ChatMessagePart): boolean {
  return "state" in part && part.state === "output-error" && "errorText" in part && part.errorText === INTERRUPTED_TOOL_CALL_TEXT;
}
