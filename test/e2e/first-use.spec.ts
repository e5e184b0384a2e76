import { expect, test } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { messageMarkdown } from "@/lib/message/message-markdown";
import { ChatPage } from "./pages/chat-page";
import { holdScripts } from "./support/hold-scripts";
import { baseUrlOf } from "./servers";

// A chat page arrives with its frame interactive and the chat itself as the server rendered it; the
// chat's own code loads when it is first used (bench/README.md, "First load"). Whatever the user
// does while that code is on its way is carried out once it is there, and news of the chat from
// another tab reaches a page nobody has touched.

const server = baseUrlOf("demo");

/** A stored chat with one answer; returns its address. */
async function storedChat(chat: ChatPage, question: string): Promise<string> {
  await chat.open(`${server}/`);
  await chat.send(question);
  await chat.waitForAnswerToFinish();
  return `${server}/chat/${await chat.chatId()}`;
}

test.describe("the chat's code, loaded on first use", () => {
  test("Enter pressed while the chat's code is on its way sends the message once it is there", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(`${server}/`);
    const releaseScripts = await holdScripts(page);

    await chat.composer.fill("Sent before the chat was ready");
    await chat.composer.press("Enter");
    // Held, not a new line, and not lost.
    await expect(chat.composer).toHaveValue("Sent before the chat was ready");
    await expect(chat.messages).toHaveCount(0);
    releaseScripts();

    await expect(chat.userMessages().getByTestId("message-text")).toHaveText("Sent before the chat was ready");
    await chat.waitForAnswerToFinish();
    await expect(chat.composer).toHaveValue("");
  });

  test("while the chat's code cannot be fetched the page says so and keeps the message, sent once it arrives", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(`${server}/`);
    let isOffline = true;
    await page.route("**/_next/static/chunks/*.js", (route) => (isOffline ? route.abort("internetdisconnected") : route.continue()));

    await chat.composer.fill("Sent through a bad connection");
    await chat.composer.press("Enter");
    await expect(page.getByTestId("chat-code-error")).toBeVisible();
    await expect(chat.composer).toHaveValue("Sent through a bad connection");
    isOffline = false;

    await expect(chat.userMessages().getByTestId("message-text")).toHaveText("Sent through a bad connection");
    await expect(page.getByTestId("chat-code-error")).toBeHidden();
    await chat.waitForAnswerToFinish();
  });

  test("a click on a stored answer's Copy while the chat's code is on its way is carried out", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server });
    const chat = new ChatPage(page);
    const address = await storedChat(chat, "Hello");
    const stored = (await (await page.request.get(`${server}/api/chats/${await chat.chatId()}`)).json()) as ChatJson;
    const storedAnswer = stored.messages.at(-1);
    if (!storedAnswer) throw new Error("the chat has no answer");

    await page.goto(address);
    const releaseScripts = await holdScripts(page);
    const answer = chat.lastAssistantMessage();
    await chat.copyMessage(answer);
    releaseScripts();

    await expect(answer.getByTestId("copy-status")).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(messageMarkdown(storedAnswer));
  });

  test("a click on the header's Export while the chat's code is on its way opens it, and the focus stays there", async ({ page }) => {
    const chat = new ChatPage(page);
    const address = await storedChat(chat, "Hello");

    await page.goto(address);
    const releaseScripts = await holdScripts(page);
    await page.getByTestId("export-button").click();
    releaseScripts();

    await expect(page.getByTestId("export-menu")).toBeVisible();
    // The message box took the focus when the page arrived, not again when the chat's code did.
    await expect(page.getByTestId("export-button")).toBeFocused();
  });

  test("a tab nobody touched shows what another tab sent in its chat, with the answer", async ({ page, context }) => {
    const first = new ChatPage(page);
    const address = await storedChat(first, "Hello");
    const untouched = new ChatPage(await context.newPage());
    await untouched.page.goto(address);
    await expect(untouched.assistantMessages()).toHaveCount(1);

    await first.send("What is 6 times 7?");
    await first.waitForAnswerToFinish();

    await expect(untouched.userMessages()).toHaveCount(2);
    await expect(untouched.userMessages().last().getByTestId("message-text")).toHaveText("What is 6 times 7?");
    await untouched.waitForAnswerToFinish();
    expect(await untouched.lastAnswerText()).toBe(await first.lastAnswerText());
  });
});
