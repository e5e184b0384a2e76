import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import type { ToolOutcome } from "./compose-answer";

/**
 * What the model is asked to do: plan tool calls for the user's latest message, or, when the
 * prompt ends with the results of the calls made since that message (step 2 of a tool round
 * trip), answer from them.
 */
export type PromptTurn = { kind: "plan"; question: string } | { kind: "answer"; question: string; outcomes: ToolOutcome[] };

export function readPrompt(prompt: LanguageModelV4Prompt): PromptTurn {
  let lastUserIndex = -1;
  for (let index = prompt.length - 1; index >= 0; index--) {
    if (prompt[index]?.role === "user") {
      lastUserIndex = index;
      break;
    }
  }
  const lastUser = prompt[lastUserIndex];
  const question =
    lastUser?.role === "user"
      ? lastUser.content
          .map((part) => (part.type === "text" ? part.text : ""))
          .join("\n")
          .trim()
      : "";

  // Answering whenever the prompt ends with tool results, even none usable, is what stops the
  // tool loop: the demo model never calls tools twice in one turn.
  if (prompt[prompt.length - 1]?.role !== "tool" || prompt.length - 1 <= lastUserIndex) {
    return { kind: "plan", question };
  }
  return { kind: "answer", question, outcomes: collectOutcomes(prompt, lastUserIndex + 1) };
}

/** The calls made since the user's message, in the order they were made, each with its result. */
function collectOutcomes(prompt: LanguageModelV4Prompt, from: number): ToolOutcome[] {
  const outcomes: ToolOutcome[] = [];
  const byCallId = new Map<string, ToolOutcome>();
  const results: Array<{ toolCallId: string; toolName: string; output: LanguageModelV4ToolResultOutput }> = [];

  for (const message of prompt.slice(from)) {
    if (message.role !== "assistant" && message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") {
        const outcome: ToolOutcome = { toolName: part.toolName, input: part.input, output: undefined };
        outcomes.push(outcome);
        byCallId.set(part.toolCallId, outcome);
      } else if (part.type === "tool-result") {
        results.push(part);
      }
    }
  }

  for (const { toolCallId, toolName, output } of results) {
    const outcome = byCallId.get(toolCallId);
    if (outcome) outcome.output = output;
    else outcomes.push({ toolName, input: undefined, output });
  }
  return outcomes;
}
