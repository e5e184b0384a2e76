import { expect, test } from "@playwright/test";
import { ChatHeader } from "./pages/chat-header";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";

// The chat's title in the header: there from the server's first paint, a new chat's once it is
// stored, and a rename made in another tab; a long one ends in "…" with the whole title kept.

test("a new chat's header and the page's title show its title once stored, and a rename from another tab", async ({ page, context }) => {
  const chat = new ChatPage(page);
  const header = new ChatHeader(page);
  await chat.open();
  await expect(header.title).toHaveText("New chat");
  await chat.send("What is 5 * 8?");
  await chat.waitForAnswerToFinish();
  await expect(header.title).toHaveText("What is 5 * 8?");
  await expect(page).toHaveTitle("What is 5 * 8? · Parley");
  const chatId = await chat.chatId();

  const other = await context.newPage();
  await new ChatPage(other).open(`/chat/${chatId}`);
  await expect(new ChatHeader(other).title).toHaveText("What is 5 * 8?");
  await new Sidebar(other).rename(chatId, "Forty");
  await expect(header.title).toHaveText("Forty");
  await expect(page).toHaveTitle("Forty · Parley");
  await expect(other).toHaveTitle("Forty · Parley");
});

test("a long title ends in an ellipsis on a phone, with the whole title in the heading and its tooltip", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const chat = new ChatPage(page);
  const header = new ChatHeader(page);
  await chat.open();
  await chat.send("What is 1 + 1?");
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();
  const title = "A very long title that cannot fit in the header of a phone screen at all, not even close";
  expect((await request.patch(`/api/chats/${chatId}`, { data: { title } })).status()).toBe(200);

  await chat.open(`/chat/${chatId}`);
  await expect(header.title).toHaveText(title);
  await expect(header.title).toHaveAttribute("title", title);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(header.title).toHaveCSS("text-overflow", "ellipsis");
  expect(await header.title.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
});
