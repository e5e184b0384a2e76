import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/tools/canonical-json";
import type { CompletionMessage } from "./completion-request-schema";
import { contentText } from "./content-text";

/**
 * The digest of a conversation as a client holds it: what each message says (role, text, function
 * calls and results), not how it is written (text parts or a string, `developer` or `system`, the
 * spacing of a call's arguments), so the same conversation sent back finds its chat.
 */
export function conversationKey(messages: readonly CompletionMessage[]): string {
  return createHash("sha256").update(JSON.stringify(messages.map(essenceOf))).digest("base64url");
}

function essenceOf(message: CompletionMessage): unknown[] {
  switch (message.role) {
    case "system":
    case "developer":
      return ["system", contentText(message.content)];
    case "user":
      return ["user", contentText(message.content)];
    case "tool":
      return ["tool", message.tool_call_id, contentText(message.content)];
    case "assistant":
      return [
        "assistant",
        message.content ? contentText(message.content) : (message.refusal ?? ""),
        (message.tool_calls ?? []).map((call) => [call.id, call.function.name, argumentsOf(call.function.arguments)]),
      ];
  }
}

function argumentsOf(text: string): string {
  try {
    return canonicalJson(text.trim() === "" ? {} : (JSON.parse(text) as unknown));
  } catch {
    return text;
  }
}

