import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";

// The composer never loses what the user wrote: a message over the length limit cannot be sent and
// says so before sending; a message the server refuses, or that never reaches it, goes back into
// the composer; Retry is offered only where sending again can succeed.

/** The server's limit on a message (MAX_TEXT_CHARS in lib/chat/request-limits.ts). */
const maxTextChars = 32_000;

test.describe("the composer keeps the user's text", () => {
  test("a 40 000-character paste cannot be sent: the composer says how much too long it is, Send is off", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    const pasted = `${"All work and no play. ".repeat(2_000).slice(0, 39_999)}.`;
    await chat.composer.fill(pasted);

    await expect(chat.composerLimit).toHaveText("Too long to send: 40,000 / 32,000 characters. Shorten it by 8,000.");
    await expect(chat.sendButton).toBeDisabled();
    await expect(chat.sendButton).toHaveAttribute("title", "Too long to send");
    await chat.composer.press("Enter");
    await expect(chat.messages).toHaveCount(0);
    await expect(chat.composer).toHaveValue(pasted);

    // Near the limit the count shows; within it Send works again.
    await chat.composer.fill(pasted.slice(0, maxTextChars).trim());
    await expect(chat.composerLimit).toHaveText(/^3[12],\d{3} \/ 32,000 characters$/);
    await expect(chat.sendButton).toBeEnabled();
    await chat.composer.fill("A short question");
    await expect(chat.composerLimit).toBeHidden();
    await expect(chat.sendButton).toBeEnabled();
  });

  test("a message the server refuses goes back into the composer, without a Retry that cannot work", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    // As a server with a smaller limit (or an older page) would answer.
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 400,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "invalid_request", message: "A text part may hold at most 10 characters. (at message.parts.0.text)" } }),
      }),
    );
    await chat.send("What time is it in Tokyo?");

    await expect(chat.errorBanner).toContainText("Not sent. A text part may hold at most 10 characters.");
    await expect(chat.retryButton).toBeHidden();
    await expect(chat.composer).toHaveValue("What time is it in Tokyo?");
    await expect(chat.messages).toHaveCount(0);
  });

  test("a message that never reaches the server goes back into the composer, and Retry sends it", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await page.route("**/api/chat", (route) => route.abort("internetdisconnected"));
    await chat.send("What time is it in Tokyo?");

    await expect(chat.errorBanner).toContainText("Not sent. The server could not be reached.");
    await expect(chat.composer).toHaveValue("What time is it in Tokyo?");
    await expect(chat.messages).toHaveCount(0);

    await page.unroute("**/api/chat");
    await chat.retryButton.click();
    await chat.waitForAnswerToFinish();
    await expect(chat.errorBanner).toBeHidden();
    await expect(chat.composer).toHaveValue("");
    await expect(chat.userMessages().getByTestId("message-text")).toHaveText(["What time is it in Tokyo?"]);
    expect(await chat.lastAnswerText()).toContain("Tokyo");

    // Stored: after a reload the conversation is the one on screen.
    await page.reload();
    await expect(chat.userMessages().getByTestId("message-text")).toHaveText(["What time is it in Tokyo?"]);
    await expect(chat.assistantMessages()).toHaveCount(1);
  });
});
