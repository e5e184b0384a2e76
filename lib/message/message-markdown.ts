import type { ChatMessage } from "./chat-message";

/**
 * A message as Markdown, for the clipboard: what the user typed, as typed; an answer's text as the
 * model wrote it (Markdown already), its pieces between tool calls as paragraphs. Tool calls,
 * reasoning and other parts are not the message's words and are left out.
 */
export function messageMarkdown(message: ChatMessage): string {
  const texts = message.parts.flatMap((part) => (part.type === "text" ? [part.text] : []));
  if (message.role === "user") return texts.join("\n\n");
  return texts
    .map((text) => text.replace(/^\n+|\s+$/g, ""))
    .filter((text) => text !== "")
    .join("\n\n");
}
