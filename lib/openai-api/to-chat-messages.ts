import { createIdGenerator } from "ai";
import { ParleyError } from "@/lib/errors";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import type { CompletionMessage } from "./completion-request-schema";
import { contentText } from "./content-text";

const generateMessageId = createIdGenerator({ prefix: "msg", size: 16 });

/** The conversation a request sends, as Parley's messages; `input`: what the answer follows. */
export type SentConversation = {
  messages: ChatMessage[];
  /**
   * How the conversation ends: with the user's message (a new turn), with the results of the
   * client's own function calls, or with the answer whose waiting calls the request decides on
   * (`parley.approvals`); the last assistant message's answer goes on from either of the two last.
   */
  ending: "user-message" | "tool-results" | "decisions";
};

/**
 * OpenAI's messages as Parley's, in order: `system` and `developer` become system messages; an
 * assistant message's function calls become tool parts, filled in by the `tool` messages that
 * answer them. Refused as OpenAI refuses them: a call left without its result before the next
 * message, a result for no call, two calls of one answer with one id, arguments that are not JSON,
 * a conversation ending with the assistant (unless the request `decides` on its waiting calls).
 */
export function toChatMessages(sent: readonly CompletionMessage[], { decides = false }: { decides?: boolean } = {}): SentConversation {
  const messages: ChatMessage[] = [];
  // The function calls of the latest assistant message that still wait for their results.
  let openCalls = new Map<string, number>();
  let lastAssistant: ChatMessage | undefined;

  sent.forEach((message, index) => {
    if (message.role === "tool") {
      const partIndex = openCalls.get(message.tool_call_id);
      if (!lastAssistant || partIndex === undefined) throw invalid(index, `answers no open function call with id "${message.tool_call_id.slice(0, 200)}"`);
      const part = lastAssistant.parts[partIndex];
      if (part?.type === "dynamic-tool") {
        const { toolName, toolCallId, input } = part;
        lastAssistant.parts[partIndex] = { type: "dynamic-tool", toolName, toolCallId, state: "output-available", input, output: contentText(message.content) };
      }
      openCalls.delete(message.tool_call_id);
      return;
    }
    if (openCalls.size > 0) throw invalid(index - 1, "has function calls without results: each needs a `tool` message with its `tool_call_id`");
    switch (message.role) {
      case "system":
      case "developer":
        messages.push({ id: generateMessageId(), role: "system", parts: [{ type: "text", text: contentText(message.content) }] });
        return;
      case "user": {
        const text = contentText(message.content);
        if (text.trim() === "") throw invalid(index, "is empty");
        messages.push({ id: generateMessageId(), role: "user", parts: [{ type: "text", text }] });
        return;
      }
      case "assistant": {
        // Assistant messages in a row (between them, the results of the calls) are the steps of one
        // answer, as Parley stores answers.
        const previous = messages.at(-1);
        const assistant = previous?.role === "assistant" ? previous : { id: generateMessageId(), role: "assistant" as const, parts: [] };
        const offset = assistant.parts.length;
        const parts = toAnswerStep(message, index);
        assistant.parts.push(...parts);
        assertDistinctCallIds(assistant.parts, index);
        openCalls = new Map(parts.flatMap((part, partIndex) => (part.type === "dynamic-tool" ? [[part.toolCallId, offset + partIndex]] : [])));
        lastAssistant = assistant;
        if (assistant !== previous) messages.push(assistant);
        return;
      }
    }
  });

  const last = sent.at(-1);
  if (last?.role === "tool") {
    if (openCalls.size > 0) throw invalid(sent.length - 1, "is followed by no result for some of the function calls before it");
    return { messages, ending: "tool-results" };
  }
  if (last?.role === "assistant" && decides) return { messages, ending: "decisions" };
  if (last?.role !== "user") {
    throw new ParleyError("invalid_request", "The last message must be the user's, the results of the function calls before it, or (with `parley.approvals`) the answer that asked for approval.");
  }
  return { messages, ending: "user-message" };
}

/** One step of an answer: its text, then its function calls (waiting for their results). */
function toAnswerStep(message: Extract<CompletionMessage, { role: "assistant" }>, index: number): ChatMessagePart[] {
  const parts: ChatMessagePart[] = [{ type: "step-start" }];
  const text = message.content ? contentText(message.content) : (message.refusal ?? "");
  if (text !== "") parts.push({ type: "text", text, state: "done" });
  for (const call of message.tool_calls ?? []) {
    parts.push({
      type: "dynamic-tool",
      toolName: call.function.name,
      toolCallId: call.id,
      state: "input-available",
      input: parseArguments(call.function.arguments, index),
    });
  }
  return parts;
}

/**
 * Results find their calls by id, so two calls of one answer with the same id would leave one of
 * them without a result, unnoticed. Answers of their own may reuse an id (some servers count from
 * `call_0` in every answer).
 */
function assertDistinctCallIds(parts: readonly ChatMessagePart[], index: number): void {
  const ids = new Set<string>();
  for (const part of parts) {
    if (part.type !== "dynamic-tool") continue;
    if (ids.has(part.toolCallId)) throw invalid(index, `has a function call with the id "${part.toolCallId}" of another call of the same answer: each call needs an id of its own`);
    ids.add(part.toolCallId);
  }
}

function parseArguments(text: string, index: number): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(index, "has a function call whose `arguments` are not valid JSON");
  }
}


const invalid = (index: number, problem: string) => new ParleyError("invalid_request", `Message ${index} ${problem}.`);
