import { MAX_TITLE_LENGTH } from "@/lib/store/chat-store";

/** Characters (code points, so an emoji is never split) of a first title. */
const TITLE_LENGTH = 60;

/**
 * A chat's first title: the start of its first message as the user wrote it, every character kept
 * (titles are shown as text, never as markdown), on one line, cut at a word.
 */
export function titleFromText(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "New chat";
  const characters = Array.from(line);
  if (characters.length <= TITLE_LENGTH) return line;
  const cut = characters.slice(0, TITLE_LENGTH).join("");
  const lastSpace = cut.lastIndexOf(" ");
  const title = `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
  return Array.from(title).slice(0, MAX_TITLE_LENGTH).join("");
}
