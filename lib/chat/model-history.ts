import { isToolUIPart } from "ai";
import type { ChatMessage } from "@/lib/message/chat-message";
import { closeUnfinishedToolCalls } from "./close-unfinished-tool-calls";

/**
 * The stored conversation as the model should see it: tool calls a stopped or failed answer left
 * open are closed as errors, and answers that failed or were stopped before saying anything are
 * left out (an empty assistant turn is refused by some providers and tells the model nothing). The
 * user messages such an answer separated become one user turn: servers whose chat template wants
 * user and assistant to alternate (Mistral's, Gemma's) refuse two user messages in a row.
 */
export function toModelHistory(messages: ChatMessage[]): ChatMessage[] {
  const answered = closeUnfinishedToolCalls(messages).filter((message) => message.role !== "assistant" || hasContent(message));
  const history: ChatMessage[] = [];
  for (const message of answered) {
    const previous = history.at(-1);
    if (previous?.role === "user" && message.role === "user") history.splice(-1, 1, joinUserMessages(previous, message));
    else history.push(message);
  }
  return history;
}

function hasContent(message: ChatMessage): boolean {
  return message.parts.some((part) => (part.type === "text" && part.text.trim() !== "") || isToolUIPart(part));
}

/**
 * One user turn that says both messages, in order; the texts where they meet are joined by a blank
 * line, so the model reads two paragraphs (and servers that want a plain string get one). It keeps
 * the later message's id: the one being answered.
 */
function joinUserMessages(earlier: ChatMessage, later: ChatMessage): ChatMessage {
  const last = earlier.parts.at(-1);
  const [first, ...rest] = later.parts;
  if (last?.type !== "text" || first?.type !== "text") return { ...later, parts: [...earlier.parts, ...later.parts] };
  return { ...later, parts: [...earlier.parts.slice(0, -1), { ...first, text: `${last.text}\n\n${first.text}` }, ...rest] };
}
