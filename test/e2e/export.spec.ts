import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ChatHeader } from "./pages/chat-header";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";

// A chat exported from its header, as Markdown to read and as JSON in the API's shape; and the
// export route as other programs call it.

test("a chat downloads as Markdown and as JSON, named after its title", async ({ page, request }) => {
  const chat = new ChatPage(page);
  const header = new ChatHeader(page);
  await chat.open();
  await expect(header.exportButton).toHaveCount(0);
  await chat.send("What is 17% of 2340?");
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();
  await new Sidebar(page).rename(chatId, "Sums: 17% / 2340");
  await expect(header.title).toHaveText("Sums: 17% / 2340");

  const markdown = await header.export("markdown");
  expect(markdown.suggestedFilename()).toBe("Sums 17% 2340.md");
  const text = await readFile(await markdown.path(), "utf8");
  expect(text).toMatch(/^# Sums: 17% \/ 2340\n\n## You\n\nWhat is 17% of 2340\?\n\n## Parley · Demo model/);
  expect(text).toContain('- Tool `calculate` `{"expression":"17% of 2340"}`: done');
  expect(text).toContain("397.8");
  await expect(header.exportMenu).toBeHidden();

  const json = await header.export("json");
  expect(json.suggestedFilename()).toBe("Sums 17% 2340.json");
  const stored = await (await request.get(`/api/chats/${chatId}`)).json();
  expect(JSON.parse(await readFile(await json.path(), "utf8"))).toEqual(stored);
});

test("the export menu closes with Escape and gives the focus back to its button", async ({ page }) => {
  const chat = new ChatPage(page);
  const header = new ChatHeader(page);
  await chat.open();
  await chat.send("What is 3 + 4?");
  await chat.waitForAnswerToFinish();
  await header.exportButton.focus();
  await page.keyboard.press("Enter");
  await expect(header.exportButton).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(header.exportLink("markdown")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(header.exportMenu).toBeHidden();
  await expect(header.exportButton).toBeFocused();
});

test("GET /api/chats/{id}/export answers files, and clear errors for a wrong format or chat", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("What is 6 * 7?");
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();

  const markdown = await request.get(`/api/chats/${chatId}/export?format=markdown`);
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
  expect(markdown.headers()["content-disposition"]).toBe(`attachment; filename="What is 6 7.md"; filename*=UTF-8''What%20is%206%207.md`);
  expect(await markdown.text()).toContain("## You\n\nWhat is 6 * 7?");

  const bad = await request.get(`/api/chats/${chatId}/export?format=pdf`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: { code: "invalid_request", message: "Use ?format=markdown or ?format=json." } });
  const missing = await request.get("/api/chats/no-such-chat/export?format=json");
  expect(missing.status()).toBe(404);
  expect((await request.post(`/api/chats/${chatId}/export?format=json`)).status()).toBe(405);
});
