import { expect, type Locator, type Page } from "@playwright/test";

/** Find: the dialog that searches the user's chats (Ctrl+K, or the button in the sidebar). */
export class FindDialog {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;
  readonly status: Locator;
  /** In the sidebar's header (on a phone, inside the drawer). */
  readonly openButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId("find-dialog");
    this.input = page.getByTestId("find-input");
    this.results = page.getByTestId("find-result");
    this.status = page.getByTestId("find-status");
    this.openButton = page.getByTestId("open-find");
  }

  /** Ctrl+K (⌘K on a Mac); pressed again if the page had not started listening yet (still hydrating). */
  async openWithShortcut() {
    await expect(async () => {
      await this.page.keyboard.press("ControlOrMeta+K");
      await expect(this.dialog).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(this.input).toBeFocused();
  }

  /** Types the words one key at a time, as a person does. */
  async type(text: string) {
    await this.input.pressSequentially(text);
  }

  result(chatId: string): Locator {
    return this.results.and(this.page.locator(`[data-chat-id="${chatId}"]`));
  }

  /** The words a result marks as matching. */
  marked(chatId: string): Locator {
    return this.result(chatId).getByTestId("find-match");
  }

  activeResult(): Locator {
    return this.results.and(this.page.locator('[aria-selected="true"]'));
  }
}
