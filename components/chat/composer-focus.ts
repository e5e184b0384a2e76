/** The message box's id: its label's target, and the skip link's. */
export const COMPOSER_INPUT_ID = "composer-input";

/**
 * The message box takes the focus when a chat opens, ready to type, unless the focus is somewhere
 * already: in a field, on a message (the one Find opened the chat at, a version switcher), or on
 * anything reached with the keyboard, such as the chat list (the user keeps their place there; a
 * click still leads here). Not on touch screens, where focusing would open the on-screen keyboard
 * over the page. Called when the page arrives and again when the chat's code has loaded.
 */
export function focusComposerOnOpen(input: HTMLTextAreaElement | null): void {
  if (!input || !hasFinePointer()) return;
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
