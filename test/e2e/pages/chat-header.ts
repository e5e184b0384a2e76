import type { Download, Locator, Page } from "@playwright/test";

/** The top of a chat page: the chat's title, and Export. */
export class ChatHeader {
  readonly title: Locator;
  readonly exportButton: Locator;
  readonly exportMenu: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId("chat-title");
    this.exportButton = page.getByTestId("export-button");
    this.exportMenu = page.getByTestId("export-menu");
  }

  exportLink(format: "markdown" | "json"): Locator {
    return this.page.getByTestId(`export-${format}`);
  }

  /** Opens Export, chooses the format, and returns the file the browser downloads. */
  async export(format: "markdown" | "json"): Promise<Download> {
    await this.exportButton.click();
    const download = this.page.waitForEvent("download");
    await this.exportLink(format).click();
    return download;
  }
}
