// Captures the README screenshots of a running Parley: desktop and phone, light and dark.
// Usage: BASE_URL=http://localhost:3000 [NAME=chat] [FIND=words] [EDIT=text] node scripts/capture-screenshots.mjs [question]
// With FIND, the screenshot shows Find (Ctrl+K) open over the answered chat, searching for those words.
// With EDIT, the question is edited to that text once answered: the screenshot shows both versions' switcher (‹ 2 / 2 ›).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const baseUrl = process.env.BASE_URL ?? "http://localhost:3000";
const name = process.env.NAME ?? "chat";
const find = process.env.FIND;
const edit = process.env.EDIT;
const question = process.argv[2] ?? "What's the weather in Paris and Tokyo, and what is 17% of 2340?";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
};

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  for (const [device, viewport] of Object.entries(viewports)) {
    for (const colorScheme of ["light", "dark"]) {
      const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: 2 });
      await page.goto(baseUrl);
      await page.getByTestId("composer-input").fill(question);
      await page.getByTestId("composer-input").press("Enter");
      await page.locator('[data-testid="message"][data-role="assistant"][data-status="done"]').waitFor({ timeout: 60_000 });
      await page.getByTestId("send-button").waitFor();
      if (edit) {
        const asked = page.locator('[data-testid="message"][data-role="user"]').first();
        await asked.hover();
        await asked.getByTestId("edit-message").click();
        await asked.getByTestId("message-editor-input").fill(edit);
        await asked.getByTestId("message-editor-input").press("Enter");
        await page.getByTestId("branch-position").first().waitFor();
        await page.locator('[data-testid="message"][data-role="assistant"][data-status="done"]').waitFor({ timeout: 60_000 });
        await page.getByTestId("send-button").waitFor();
        await page.mouse.move(0, 0);
      }
      if (find) {
        await page.keyboard.press("ControlOrMeta+K");
        await page.getByTestId("find-input").pressSequentially(find);
        await page.getByTestId("find-match").first().waitFor();
      }
      const file = `docs/screenshots/${name}-${device}-${colorScheme}.png`;
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
