"use client";

import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { DownloadIcon } from "@/components/ui/icons";

const formats = [
  { format: "markdown", label: "Markdown (.md)" },
  { format: "json", label: "JSON (.json)" },
] as const;

/**
 * Export: a button that shows two download links (a disclosure, not an ARIA menu: Tab reaches the
 * links, Escape or a click elsewhere closes it). The files come from
 * `GET /api/chats/{id}/export?format=…`, which other clients can call too.
 */
export function ExportMenu({ chatId }: { chatId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useCloseOnOutsideClick(isOpen, rootRef, setIsOpen);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Escape" || !isOpen) return;
    // Handled here: the drawer (phones) stays as it is.
    event.preventDefault();
    setIsOpen(false);
    buttonRef.current?.focus();
  };
  // Tabbing out of it closes it.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!rootRef.current?.contains(event.relatedTarget)) setIsOpen(false);
  };

  return (
    <div ref={rootRef} className="relative shrink-0" onKeyDown={onKeyDown} onBlur={onBlur}>
      <IconButton
        ref={buttonRef}
        data-testid="export-button"
        aria-expanded={isOpen}
        aria-controls={listId}
        title="Export this chat"
        onClick={() => setIsOpen((open) => !open)}
        variant="ghost"
        className="h-9 px-2.5 text-sm font-medium text-muted-foreground hover:text-foreground"
        icon={<DownloadIcon className="size-4" />}
      >
        <span className="max-sm:sr-only">Export</span>
      </IconButton>
      <ul
        id={listId}
        hidden={!isOpen}
        data-testid="export-menu"
        className="absolute top-full right-0 z-20 mt-1 w-48 rounded-lg border border-border bg-card p-1 text-sm text-card-foreground shadow-lg"
      >
        {formats.map(({ format, label }) => (
          <li key={format}>
            <a
              href={`/api/chats/${encodeURIComponent(chatId)}/export?format=${format}`}
              download
              data-testid={`export-${format}`}
              onClick={() => setIsOpen(false)}
              className="block rounded-md px-3 py-2 hover:bg-muted"
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function useCloseOnOutsideClick(isOpen: boolean, rootRef: RefObject<HTMLElement | null>, setIsOpen: (isOpen: boolean) => void) {
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node && rootRef.current?.contains(event.target))) setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen, rootRef, setIsOpen]);
}
