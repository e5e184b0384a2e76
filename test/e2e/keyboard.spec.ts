import { expect, test, type Locator, type Page } from "@playwright/test";
import { ChatHeader } from "./pages/chat-header";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";

// Parley with the keyboard only: the message box ready on load, sending and stopping without losing
// the focus, the skip link, one Tab stop per chat with Rename and Delete on the arrow keys, renaming
// (and a title too long to keep), and the theme switch, remembered by the browser.

test("the message box has the focus on load, after sending, and after Stop", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await expect(chat.composer).toBeFocused();

  await page.keyboard.type("What is 12 * 12?");
  await page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
  await chat.waitForAnswerToFinish();
  expect(await chat.lastAnswerText()).toContain("144");

  await page.keyboard.type("Write a TypeScript function that reverses a string");
  await page.keyboard.press("Enter");
  await expect(chat.stopButton).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(chat.stopButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
  await expect(chat.sendButton).toBeVisible();
  await expect(chat.composer).toBeFocused();
});

test("on a page without a message box the skip link is the first Tab stop and leads to the content", async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto("/chat/no-such-chat");
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(chat.skipLink).toBeFocused();
  await expect(chat.skipLink).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test.describe("on a touch phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the message box does not take the focus on load (no on-screen keyboard); the skip link leads to it", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await expect(chat.composer).not.toBeFocused();
    await page.keyboard.press("Tab");
    await expect(chat.skipLink).toBeFocused();
    await expect(chat.skipLink).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(chat.composer).toBeFocused();
  });
});

test("each chat is one Tab stop; the arrow keys reach Rename and Delete; a rename by keyboard", async ({ page, request }) => {
  const chat = new ChatPage(page);
  const sidebar = new Sidebar(page);
  const header = new ChatHeader(page);
  for (const question of ["What is 7 * 6?", "What is 9 * 9?"]) {
    await chat.open();
    await chat.send(question);
    await chat.waitForAnswerToFinish();
  }
  const chatId = await chat.chatId();
  await expect(sidebar.item(chatId)).toBeVisible();

  // Tab from the header's last button (Find): each Tab goes to the next chat's link, never to a chat's buttons.
  await sidebar.findButton.focus();
  const links = await sidebar.items.getByTestId("chat-item-link").all();
  for (const link of links.slice(0, 3)) {
    await page.keyboard.press("Tab");
    await expect(link).toBeFocused();
  }

  // Down to this chat, then Right to its Rename and Delete, and Left back.
  await page.keyboard.press("Home");
  await expect(sidebar.items.first().getByTestId("chat-item-link")).toBeFocused();
  await pressUntilFocused(page, "ArrowDown", sidebar.link(chatId));
  await page.keyboard.press("ArrowRight");
  const rename = sidebar.item(chatId).getByTestId("chat-item-rename");
  await expect(rename).toBeFocused();
  await expect(rename).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(sidebar.item(chatId).getByTestId("chat-item-delete")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(rename).toBeFocused();

  await page.keyboard.press("Enter");
  const input = sidebar.item(chatId).getByTestId("chat-title-input");
  await expect(input).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Squares, by keyboard");
  await page.keyboard.press("Enter");
  await expect(sidebar.link(chatId)).toHaveText("Squares, by keyboard");
  await expect(sidebar.link(chatId)).toBeFocused();
  await expect(header.title).toHaveText("Squares, by keyboard");

  // A title too long is not cut: the field says so, keeps the text, and nothing is saved.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(input).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText("x".repeat(150));
  const error = sidebar.item(chatId).getByTestId("chat-title-error");
  await expect(error).toHaveText("Too long: 150 characters, at most 100. Shorten it by 50.");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription("Too long: 150 characters, at most 100. Shorten it by 50.");
  await page.keyboard.press("Enter");
  await expect(input).toHaveValue("x".repeat(150));
  expect(((await (await request.get(`/api/chats/${chatId}`)).json()) as { title: string }).title).toBe("Squares, by keyboard");
  await page.keyboard.press("Escape");
  await expect(sidebar.link(chatId)).toHaveText("Squares, by keyboard");
  await expect(sidebar.link(chatId)).toBeFocused();
});

test("a chat opened from the list by keyboard keeps the focus there; opened by a click, the message box has it", async ({ page }) => {
  const chat = new ChatPage(page);
  const sidebar = new Sidebar(page);
  await chat.open();
  await chat.send("What is 8 * 8?");
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();
  await chat.open();
  // The list loads after the page: Tab goes into it only once it is there.
  await expect(sidebar.item(chatId)).toBeVisible();

  await sidebar.findButton.focus();
  await page.keyboard.press("Tab");
  await expect(sidebar.items.first().getByTestId("chat-item-link")).toBeFocused();
  await pressUntilFocused(page, "ArrowDown", sidebar.link(chatId));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/chat/${chatId}`);
  await expect(chat.userMessages().getByTestId("message-text")).toHaveText(["What is 8 * 8?"]);
  await expect(sidebar.link(chatId)).toBeFocused();

  await chat.open();
  await sidebar.link(chatId).click();
  await expect(chat.userMessages().getByTestId("message-text")).toHaveText(["What is 8 * 8?"]);
  await expect(chat.composer).toBeFocused();
});

test("the theme switch works with the keyboard, is applied before the first paint, and is remembered", async ({ page, context }) => {
  const chat = new ChatPage(page);
  const sidebar = new Sidebar(page);
  await chat.open();
  await expect(chat.composer).toBeFocused();
  await pressUntilFocused(page, "Shift+Tab", sidebar.themeRadio("system"));

  await page.keyboard.press("ArrowRight");
  await expect(sidebar.themeRadio("light")).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.keyboard.press("ArrowRight");
  await expect(sidebar.themeRadio("dark")).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // The browser's bars too, whatever the device's setting.
  await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
  for (const meta of await page.locator('meta[name="theme-color"]').all()) await expect(meta).toHaveAttribute("content", "#0c0c0f");

  // What the first frame of the next page shows: the dark theme already, not a flash of light.
  await context.addInitScript(() => {
    requestAnimationFrame(() => {
      const probe = window as unknown as { firstFrame: { theme?: string; colorScheme: string } };
      probe.firstFrame = { theme: document.documentElement.dataset.theme, colorScheme: getComputedStyle(document.documentElement).colorScheme };
    });
  });
  const again = await context.newPage();
  await new ChatPage(again).open();
  expect(await again.evaluate(() => (window as unknown as { firstFrame: unknown }).firstFrame)).toEqual({ theme: "dark", colorScheme: "dark" });
  await expect(again.locator("body")).toHaveCSS("background-color", "rgb(12, 12, 15)");
  await expect(new Sidebar(again).themeRadio("dark")).toBeChecked();
  for (const meta of await again.locator('meta[name="theme-color"]').all()) await expect(meta).toHaveAttribute("content", "#0c0c0f");

  // Back to the device's setting: nothing remembered any more.
  await page.keyboard.press("ArrowRight");
  await expect(sidebar.themeRadio("system")).toBeChecked();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme");
  await expect(page.locator('meta[name="theme-color"][media*="light"]')).toHaveAttribute("content", "#ffffff");
  await expect(page.locator('meta[name="theme-color"][media*="dark"]')).toHaveAttribute("content", "#0c0c0f");
  expect(await page.evaluate(() => localStorage.getItem("parley-theme"))).toBeNull();
});

/** Presses `key` until `target` has the focus (at most 60 times). */
async function pressUntilFocused(page: Page, key: string, target: Locator) {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}
