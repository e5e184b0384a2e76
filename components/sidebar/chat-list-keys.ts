import type { KeyboardEvent } from "react";

// The keys of the sidebar's chat list. Each chat is one Tab stop (its link); in a chat, Right and
// Left go to its Rename and Delete buttons and back; Up and Down go to the chat above and below,
// Home and End to the first and the last. The buttons are marked `data-row-item`, each chat is an
// <li>, and the list is the element marked `data-chat-list`.

/** Tells screen readers about the keys; referenced by each chat's link. */
export const chatListKeysHint = "Right arrow: Rename and Delete. Up and down arrows: other chats.";

const ROW_ITEM = "[data-row-item]";

export function moveFocusInList(event: KeyboardEvent<HTMLLIElement>): void {
  const from = event.target;
  // Keys typed into the rename field are the field's.
  if (!(from instanceof HTMLElement) || !from.matches(ROW_ITEM) || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = targetOf(event.key, from, event.currentTarget);
  if (!target) return;
  event.preventDefault();
  target.focus();
}

function targetOf(key: string, from: HTMLElement, row: HTMLLIElement): HTMLElement | undefined {
  const inRow = Array.from(row.querySelectorAll<HTMLElement>(ROW_ITEM));
  const index = inRow.indexOf(from);
  const links = Array.from(row.closest("[data-chat-list]")?.querySelectorAll<HTMLElement>(`li > ${ROW_ITEM}:first-child`) ?? []);
  const link = inRow[0];
  const linkIndex = link ? links.indexOf(link) : -1;
  switch (key) {
    case "ArrowRight":
      return inRow[index + 1];
    case "ArrowLeft":
      return index > 0 ? inRow[index - 1] : undefined;
    case "ArrowDown":
      return links[linkIndex + 1];
    case "ArrowUp":
      return linkIndex > 0 ? links[linkIndex - 1] : undefined;
    case "Home":
      return links[0];
    case "End":
      return links.at(-1);
    default:
      return undefined;
  }
}
