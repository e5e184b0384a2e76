"use client";

import { useEffect } from "react";
import type { ChatSearchHitJson } from "@/lib/chat/chat-search-json";
import { cx } from "@/components/ui/cx";
import { SnippetText } from "./snippet-text";

type FindResultsProps = {
  listboxId: string;
  hits: ChatSearchHitJson[];
  activeIndex: number;
  optionId: (index: number) => string;
  onHover: (index: number) => void;
  onOpen: (hit: ChatSearchHitJson) => void;
};

/**
 * The hits as a listbox: the input keeps the focus and points at the active option
 * (aria-activedescendant). A hit at the title shows the title marked; one at a message, the title
 * and the snippet.
 */
export function FindResults({ listboxId, hits, activeIndex, optionId, onHover, onOpen }: FindResultsProps) {
  useEffect(() => {
    if (hits.length > 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: "nearest" });
  }, [activeIndex, hits, optionId]);

  return (
    <ul id={listboxId} role="listbox" aria-label="Chats found" data-testid="find-results" className="min-h-0 flex-1 overflow-y-auto p-1.5 empty:hidden">
      {hits.map((hit, index) => (
        <li
          key={hit.chat.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === activeIndex}
          data-testid="find-result"
          data-chat-id={hit.chat.id}
          onClick={() => onOpen(hit)}
          onMouseMove={() => index !== activeIndex && onHover(index)}
          className={cx("cursor-pointer rounded-lg px-3 py-2", index === activeIndex && "bg-muted")}
        >
          <div className="truncate text-sm font-medium">{hit.messageId ? hit.chat.title : <SnippetText parts={hit.snippet} />}</div>
          {hit.messageId && (
            <div data-testid="find-snippet" className="mt-0.5 line-clamp-2 text-sm text-muted-foreground [overflow-wrap:anywhere]">
              <SnippetText parts={hit.snippet} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
