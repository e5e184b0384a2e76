import type { LanguageModelV4ResponseMetadata, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import type { DemoResponse } from "./respond";

/** A pause before the first text or tool call, as a real model takes to start answering. */
export const THINKING_TICKS = 4;

/**
 * The stream parts of a response, all built before the first is sent, and how many ticks to
 * wait before each (0: right after the previous one). Parallel arrays, so pacing them needs no
 * allocation per token.
 */
export type PacedParts = { parts: LanguageModelV4StreamPart[]; pauses: number[] };

export function paceParts(response: DemoResponse, metadata: LanguageModelV4ResponseMetadata, textId: string): PacedParts {
  const parts: LanguageModelV4StreamPart[] = [];
  const pauses: number[] = [];
  const add = (part: LanguageModelV4StreamPart, pause: number) => {
    parts.push(part);
    pauses.push(pause);
  };

  add({ type: "stream-start", warnings: [] }, 0);
  add({ type: "response-metadata", ...metadata }, 0);

  if (response.kind === "tool-calls") {
    response.calls.forEach(({ toolCallId, toolName, input }, index) => {
      add({ type: "tool-input-start", id: toolCallId, toolName }, index === 0 ? THINKING_TICKS : 1);
      for (const delta of splitToolInput(input)) add({ type: "tool-input-delta", id: toolCallId, delta }, 1);
      add({ type: "tool-input-end", id: toolCallId }, 0);
      add({ type: "tool-call", toolCallId, toolName, input }, 0);
    });
  } else {
    add({ type: "text-start", id: textId }, THINKING_TICKS);
    response.tokens.forEach((delta, index) => add({ type: "text-delta", id: textId, delta }, index === 0 ? 0 : 1));
    add({ type: "text-end", id: textId }, 0);
  }

  add({ type: "finish", finishReason: response.finishReason, usage: response.usage }, 0);
  return { parts, pauses };
}

/** `{"city":"Paris"}` arrives as `{"city":`, `"Paris"`, `}`: in pieces, as models stream tool input. */
function splitToolInput(input: string): string[] {
  const afterKey = input.indexOf(":") + 1;
  const beforeEnd = input.length - 1;
  if (afterKey <= 0 || afterKey >= beforeEnd) {
    const middle = Math.ceil(input.length / 2);
    return [input.slice(0, middle), input.slice(middle)].filter((piece) => piece !== "");
  }
  return [input.slice(0, afterKey), input.slice(afterKey, beforeEnd), input.slice(beforeEnd)];
}
