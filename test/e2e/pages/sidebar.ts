import type { Locator, Page } from "@playwright/test";

/** The chat history sidebar (a drawer on phones). */
export class Sidebar {
  readonly root: Locator;
  readonly newChat: Locator;
  /** Opens Find: the last of the sidebar's header, before the chats. */
  readonly findButton: Locator;
  readonly items: Locator;
  readonly openButton: Locator;
  /** System, Light, Dark: radio buttons, one Tab stop. */
  readonly themeSwitch: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("sidebar");
    this.newChat = page.getByTestId("new-chat");
    this.findButton = page.getByTestId("open-find");
    this.items = page.getByTestId("chat-item");
    this.openButton = page.getByTestId("open-sidebar");
    this.themeSwitch = page.getByTestId("theme-switch");
  }

  /** The option as seen and clicked (its icon); `themeRadio` is the radio button inside it. */
  themeOption(theme: "system" | "light" | "dark"): Locator {
    return this.themeSwitch.getByTestId(`theme-${theme}`);
  }

  themeRadio(theme: "system" | "light" | "dark"): Locator {
    return this.themeOption(theme).getByRole("radio");
  }

  link(chatId: string): Locator {
    return this.item(chatId).getByTestId("chat-item-link");
  }

  item(chatId: string): Locator {
    return this.page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  }

  group(name: "Today" | "Yesterday" | "Previous 7 days" | "Older"): Locator {
    return this.page.locator(`[data-testid="chat-group"][data-group="${name}"]`);
  }

  async rename(chatId: string, title: string) {
    const item = this.item(chatId);
    await item.hover();
    await item.getByTestId("chat-item-rename").click();
    const input = item.getByTestId("chat-title-input");
    await input.fill(title);
    await input.press("Enter");
  }

  async delete(chatId: string) {
    const item = this.item(chatId);
    await item.hover();
    await item.getByTestId("chat-item-delete").click();
    await this.page.getByTestId("confirm-delete").click();
  }
}
