import type { Page } from "@playwright/test";

/**
 * Holds back every script the page asks for from now on, as a slow network would; returns the
 * release. For what a user does before the page, or the chat's code, is there.
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
