import { MAX_TITLE_LENGTH } from "@/lib/store/chat-store";

const TITLE_LENGTH = 60;

/** A chat's first title: the start of its first message, on one line, cut at a word. */
export function titleFromText(text: string): string {
  const line = text
    .replace(/[`*_#>~[\]]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (line === "") return "New chat";
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:!?-]+$/, "")}…`.slice(0, MAX_TITLE_LENGTH);
}
