/** The message box's id: its label's target, and the skip link's. */
export const COMPOSER_INPUT_ID = "composer-input";

const openedBoxes = new WeakSet<HTMLTextAreaElement>();

/**
 * The message box takes the focus when a chat opens, ready to type, unless the focus is somewhere
 * already: in a field, on a message (the one Find opened the chat at, a version switcher), or on
 * anything reached with the keyboard, such as the chat list (the user keeps their place there; a
 * click still leads here). Not on touch screens, where focusing would open the on-screen keyboard
 * over the page. Called when the page arrives (deferred-chat.tsx) and when a chat renders a new box.
 */
export function focusComposerOnOpen(input: HTMLTextAreaElement | null): void {
  // Once per message box: the chat's code, hydrating the box the page arrived with, must not take
  // the focus from where the user has put it since.
  if (!input || openedBoxes.has(input) || !hasFinePointer()) return;
  openedBoxes.add(input);
  const focused = document.activeElement;
  if (!focused || focused === document.body) return input.focus();
  const isTyping = focused.matches("input, textarea, select, [contenteditable]");
  const isOnMessage = focused.closest("[data-message-id]") !== null;
  const isKeyboardChoice = focused.matches(":focus-visible");
  if (!isTyping && !isOnMessage && !isKeyboardChoice) input.focus();
}

/** A mouse or trackpad: focusing a text field opens no on-screen keyboard. */
export function hasFinePointer(): boolean {
  return window.matchMedia("(pointer: fine)").matches;
}
