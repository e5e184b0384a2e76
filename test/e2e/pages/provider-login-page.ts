import { expect, type Locator, type Page } from "@playwright/test";
import { oidcIssuer } from "../servers";

/** The test OpenID Provider's sign-in page (test/fixtures/oidc-provider), where the app sends people to sign in. */
export class ProviderLoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  readonly cancelButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.signInButton = page.getByRole("button", { name: "Sign in" });
    this.cancelButton = page.getByRole("button", { name: "Cancel" });
    this.error = page.getByTestId("provider-login-error");
  }

  async expectShown() {
    await expect(this.page).toHaveURL((url) => url.origin === oidcIssuer && url.pathname.startsWith("/interaction/"));
    await expect(this.email).toBeVisible();
  }

  async signIn({ email, password }: { email: string; password: string }) {
    await this.expectShown();
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  /** The provider's own "Sign out?" question of RP-initiated logout. */
  async confirmSignOut() {
    await this.page.getByRole("button", { name: "Yes, sign me out" }).click();
  }
}
