import type { MessageContent } from "./completion-request-schema";

/** A message's text, whether sent as a string or as text parts. */
export function contentText(content: MessageContent): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}
