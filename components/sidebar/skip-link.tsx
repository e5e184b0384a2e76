"use client";

import type { MouseEvent } from "react";
import { COMPOSER_INPUT_ID } from "@/components/chat/composer-focus";

/**
 * The first Tab stop of every chat page, shown only when focused: straight to the message box, past
 * the sidebar (or to the page's content where there is no message box, e.g. a chat not found).
 */
export function SkipLink() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(COMPOSER_INPUT_ID) ?? document.querySelector("main");
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <a
      href={`#${COMPOSER_INPUT_ID}`}
      data-testid="skip-link"
      onClick={onClick}
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-background focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-foreground focus:shadow-lg"
    >
      Skip to message box
    </a>
  );
}
