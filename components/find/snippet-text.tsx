import type { SnippetPart } from "@/lib/store/chat-store";

/** A search hit's snippet as text, the matched words in <mark>. The parts are data: never markup. */
export function SnippetText({ parts }: { parts: SnippetPart[] }) {
  return parts.map((part, index) =>
    part.match ? (
      <mark key={index} data-testid="find-match" className="rounded-sm bg-amber-200 px-0.5 text-foreground dark:bg-amber-400/30">
        {part.text}
      </mark>
    ) : (
      <span key={index}>{part.text}</span>
    ),
  );
}
