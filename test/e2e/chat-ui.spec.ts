import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { holdScripts } from "./support/hold-scripts";

test.describe("composer and conversation behaviour", () => {
  test("Enter sends, Shift+Enter starts a new line", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.composer.fill("first line");
    await chat.composer.press("Shift+Enter");
    await chat.composer.pressSequentially("second line");
    await expect(chat.composer).toHaveValue("first line\nsecond line");
    await expect(chat.messages).toHaveCount(0);

    await chat.composer.press("Enter");
    const sent = page.locator('[data-testid="message"][data-role="user"]');
    await expect(sent).toHaveCount(1);
    await expect(sent.getByTestId("message-text")).toHaveText("first line\nsecond line");
    await expect(chat.composer).toHaveValue("");
    await chat.waitForAnswerToFinish();
  });

  test("text typed before the page became interactive is kept, and Send sends it", async ({ page }) => {
    // Hold the page's scripts back, so the server-rendered composer is typed into before React
    // hydrates it (a slow phone, a page reached through the sign-in redirects).
    const releaseScripts = await holdScripts(page);
    const chat = new ChatPage(page);
    await page.goto("/", { waitUntil: "commit" });
    await chat.composer.fill("Typed before the page was ready");
    releaseScripts();

    await expect(chat.sendButton).toBeEnabled();
    await expect(chat.composer).toHaveValue("Typed before the page was ready");
    await chat.composer.press("Enter");
    await expect(page.locator('[data-testid="message"][data-role="user"]').getByTestId("message-text")).toHaveText("Typed before the page was ready");
    await chat.waitForAnswerToFinish();
  });

  test("an example prompt from the empty state is sent as a message", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    const example = page.getByTestId("example-prompt").filter({ hasText: "What time is it in Tokyo?" });
    await example.click();
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText(/What time is it in Tokyo\?/);
    await expect(chat.chips("getCurrentTime")).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("Tokyo");
  });

  test("scrolling up while an answer streams stops following it; Jump to latest goes back", async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 420 });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("Write a Python function that checks whether a word is a palindrome");
    await chat.waitForAnswerToFinish();
    await chat.send("Write a TypeScript function that reverses a string");
    await expect(chat.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");

    await page.getByTestId("message-list").hover();
    await page.mouse.wheel(0, -2_000);
    const jump = page.getByTestId("jump-to-latest");
    await expect(jump).toBeVisible();
    await chat.waitForAnswerToFinish();
    // Not following: the end of the finished answer is out of view.
    await expect(chat.lastAssistantMessage().getByTestId("message-text").last()).not.toBeInViewport();

    await jump.click();
    await expect(jump).toBeHidden();
    await expect(chat.lastAssistantMessage().getByTestId("message-text").last()).toBeInViewport();
  });
});

test.describe("on a 375 px wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test("a conversation with chips and code fits the width, and the composer stays usable", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What's the weather in Cairo, and what is 3^4 * 1234567.891?");
    await chat.waitForAnswerToFinish();
    await expect(chat.chipsInState("done")).toHaveCount(2);
    await chat.send("Write a Go function that sums a slice of numbers");
    await chat.waitForAnswerToFinish();
    await expect(chat.lastAssistantMessage().locator("pre")).toBeVisible();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(chat.composer).toBeInViewport();
    await expect(chat.sendButton).toBeInViewport();
  });
});
