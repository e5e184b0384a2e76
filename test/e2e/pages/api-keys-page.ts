import { expect, type Locator, type Page } from "@playwright/test";

/** The API keys page (/keys): create a key, its secret shown once, the list with Revoke. */
export class ApiKeysPage {
  readonly heading: Locator;
  readonly nameInput: Locator;
  readonly createButton: Locator;
  readonly createError: Locator;
  /** The box with the new key's secret, shown once after Create. */
  readonly newKey: Locator;
  readonly newKeySecret: Locator;
  readonly copyButton: Locator;
  readonly copyStatus: Locator;
  readonly doneButton: Locator;
  readonly keys: Locator;
  readonly noKeys: Locator;
  readonly listError: Locator;
  readonly revokeDialog: Locator;
  readonly confirmRevoke: Locator;
  readonly cancelRevoke: Locator;
  /** In the sidebar's account footer (on a phone, inside the drawer). */
  readonly sidebarLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByTestId("chat-title");
    this.nameInput = page.getByTestId("api-key-name-input");
    this.createButton = page.getByTestId("create-api-key");
    this.createError = page.getByTestId("create-api-key-error");
    this.newKey = page.getByTestId("new-api-key");
    this.newKeySecret = page.getByTestId("new-api-key-secret");
    this.copyButton = page.getByTestId("copy-api-key");
    this.copyStatus = page.getByTestId("copy-api-key-status");
    this.doneButton = page.getByTestId("dismiss-new-api-key");
    this.keys = page.getByTestId("api-key");
    this.noKeys = page.getByTestId("no-api-keys");
    this.listError = page.getByTestId("api-keys-error");
    this.revokeDialog = page.getByTestId("revoke-api-key-dialog");
    this.confirmRevoke = page.getByTestId("confirm-revoke");
    this.cancelRevoke = page.getByTestId("cancel-revoke");
    this.sidebarLink = page.getByTestId("api-keys-link");
  }

  /** Opens /keys (on `origin` when given) and waits for the list: the page's code is running then. */
  async open(origin = "") {
    await this.page.goto(`${origin}/keys`);
    await this.waitForList();
  }

  async waitForList() {
    await expect(this.heading).toHaveText("API keys");
    await expect(this.page.getByTestId("api-key-list").or(this.noKeys)).toBeVisible();
  }

  /** Creates a key with this name and returns its secret, as the page shows it. */
  async create(name: string): Promise<string> {
    await this.nameInput.fill(name);
    await this.createButton.click();
    await expect(this.newKey).toContainText(name);
    const secret = (await this.newKeySecret.textContent()) ?? "";
    expect(secret).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
    return secret;
  }

  /** The list's entry of the key with this id (`data-key-id`). */
  key(keyId: string): Locator {
    return this.page.locator(`[data-testid="api-key"][data-key-id="${keyId}"]`);
  }

  /** The list's entry of the key with this name. */
  keyNamed(name: string): Locator {
    return this.keys.filter({ has: this.page.getByTestId("api-key-name").getByText(name, { exact: true }) });
  }

  async revoke(name: string) {
    await this.keyNamed(name).getByTestId("revoke-api-key").click();
    await expect(this.revokeDialog).toBeVisible();
    await this.confirmRevoke.click();
    await expect(this.keyNamed(name)).toHaveCount(0);
  }
}
