import { expect, test, type Browser, type Page } from "@playwright/test";
import type { ChatSearchJson } from "@/lib/chat/chat-search-json";
import { ChatPage } from "./pages/chat-page";
import { FindDialog } from "./pages/find-dialog";
import { Sidebar } from "./pages/sidebar";
import { baseUrlOf } from "./servers";
import { oidcBaseUrl, signIn } from "./support/sign-in";

// Find: the user's chats searched by title and content, with the keyboard (Ctrl+K, arrows, Enter,
// Escape) or the sidebar's button, opening the chat at the message that matched. The demo model
// answers; each spec asks about numbers no other spec uses, so its words are found in its chats only.

/** Two numbers whose product appears nowhere but in the demo model's answer. */
function uniqueProduct() {
  const left = 100_000 + Math.floor(Math.random() * 800_000);
  const right = 7 + Math.floor(Math.random() * 90);
  return { question: `What is ${left} * ${right}?`, product: String(left * right) };
}

/** A new chat with this question answered (on the server of `home`): its id. */
async function chatAbout(chat: ChatPage, question: string, home = "/"): Promise<string> {
  await chat.open(home);
  await chat.send(question);
  await chat.waitForAnswerToFinish();
  return chat.chatId();
}

async function searchApi(page: Page, baseUrl: string, query: string) {
  const response = await page.request.get(`${baseUrl}/api/chats/search?${new URLSearchParams({ q: query })}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ChatSearchJson;
}

test("a word from an answer: Ctrl+K, type it, see it marked, Enter opens the chat at that answer", async ({ page }) => {
  test.setTimeout(120_000);
  const chat = new ChatPage(page);
  const find = new FindDialog(page);
  const { question, product } = uniqueProduct();

  // A chat whose first answer holds the number, then long answers that push it out of view.
  const chatId = await chatAbout(chat, question);
  expect(await chat.lastAnswerText()).toContain(product);
  for (const ask of ["Write a TypeScript function that reverses a string", "Write a Python function that reverses a string"]) {
    await chat.send(ask);
    await chat.waitForAnswerToFinish();
  }
  const firstAnswer = chat.assistantMessages().first();
  await expect(firstAnswer).not.toBeInViewport();

  // From another chat: the number is found in the first one, marked.
  await chat.open("/");
  await find.openWithShortcut();
  await find.type(product.slice(0, 4));
  await find.input.fill("");
  await find.type(product);
  await expect(find.results).toHaveCount(1);
  await expect(find.marked(chatId)).toHaveText([product]);
  await expect(find.status).toHaveText("1 chat found.");
  await expect(find.activeResult()).toHaveAttribute("data-chat-id", chatId);

  await page.keyboard.press("Enter");
  await expect(find.dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/chat/${chatId}\\?message=`));
  await expect(firstAnswer).toHaveAttribute("data-found", "");
  await expect(firstAnswer).toBeInViewport();
  await expect(firstAnswer).toBeFocused();
  expect(new URL(page.url()).searchParams.get("message")).toBe(await firstAnswer.getAttribute("id").then((id) => id?.replace(/^message-/, "")));
});

test("by title: arrow keys move through the results, Escape closes and gives the focus back", async ({ page }) => {
  const chat = new ChatPage(page);
  const sidebar = new Sidebar(page);
  const find = new FindDialog(page);
  const word = `zebra${crypto.randomUUID().slice(0, 6)}`;

  const ids: string[] = [];
  for (const title of [`Older ${word} notes`, `Newer ${word} plans`]) {
    const id = await chatAbout(chat, "What is 2 + 2?");
    await sidebar.rename(id, title);
    await expect(sidebar.item(id)).toContainText(title);
    ids.push(id);
  }
  const [olderId = "", newerId = ""] = ids;

  await chat.composer.focus();
  await find.openWithShortcut();
  await find.type(word.slice(0, 7));
  await expect(find.results).toHaveCount(2);
  // Newest first; a title hit shows the title, the words marked.
  await expect(find.results.first()).toHaveAttribute("data-chat-id", newerId);
  await expect(find.marked(newerId)).toHaveText([word]);
  await expect(find.activeResult()).toHaveAttribute("data-chat-id", newerId);
  await expect(find.input).toHaveAttribute("aria-activedescendant", (await find.activeResult().getAttribute("id")) ?? "");
  await page.keyboard.press("ArrowDown");
  await expect(find.activeResult()).toHaveAttribute("data-chat-id", olderId);
  await page.keyboard.press("ArrowDown");
  await expect(find.activeResult()).toHaveAttribute("data-chat-id", newerId);
  await page.keyboard.press("ArrowUp");
  await expect(find.activeResult()).toHaveAttribute("data-chat-id", olderId);

  await page.keyboard.press("Escape");
  await expect(find.dialog).toBeHidden();
  await expect(chat.composer).toBeFocused();

  // Words in no chat say so.
  await find.openWithShortcut();
  await find.type(`${word} nowhere`);
  await expect(find.status).toHaveText(`No chats match “${word} nowhere”.`);
  await expect(find.results).toHaveCount(0);

  // Enter on a title hit opens the chat itself.
  await find.input.fill("");
  await find.type(`older ${word}`);
  await expect(find.results).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/chat/${olderId}$`));
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

  test("the Find button in the drawer searches, and a result opens its chat", async ({ page }) => {
    const chat = new ChatPage(page);
    const sidebar = new Sidebar(page);
    const find = new FindDialog(page);
    const { question, product } = uniqueProduct();

    const chatId = await chatAbout(chat, question);
    await chat.open("/");

    await sidebar.openButton.click();
    await find.openButton.click();
    await expect(find.dialog).toBeVisible();
    const box = await find.dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await find.type(product);
    await expect(find.marked(chatId)).toHaveText([product]);
    await find.result(chatId).click();
    await expect(page).toHaveURL(new RegExp(`/chat/${chatId}\\?message=`));
    await expect(sidebar.root).not.toBeInViewport();
    await expect(chat.assistantMessages().first()).toHaveAttribute("data-found", "");
  });
});

test("the API: 400 for an empty or too long query, and hostile queries are only words", async ({ page }) => {
  const baseUrl = baseUrlOf("demo");
  for (const [query, message] of [
    ["", "Say what to search for: ?q=<words>."],
    ["   ", "Say what to search for: ?q=<words>."],
    ["x".repeat(201), "A search has at most 200 characters."],
  ] as const) {
    const response = await page.request.get(`${baseUrl}/api/chats/search?${new URLSearchParams({ q: query })}`);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message } });
  }
  expect((await page.request.get(`${baseUrl}/api/chats/search`)).status()).toBe(400);
  expect((await page.request.get(`${baseUrl}/api/chats/search?q=a&limit=0`)).status()).toBe(400);
  expect((await page.request.post(`${baseUrl}/api/chats/search?q=a`)).status()).toBe(405);
  for (const query of ['"', "*", "NEAR(", "a OR", "'; DROP TABLE chats; --", "\u0000", "(((", "x".repeat(200)]) {
    expect(await searchApi(page, baseUrl, query)).toMatchObject({ truncated: false });
  }
  expect((await searchApi(page, baseUrl, '"*()')).hits).toEqual([]);
});

test("on DynamoDB too: a word from an answer is found at that answer", async ({ page }) => {
  const baseUrl = baseUrlOf("demoOnDynamoDB");
  const chat = new ChatPage(page);
  const { question, product } = uniqueProduct();
  const chatId = await chatAbout(chat, question, `${baseUrl}/`);
  const answerId = (await chat.lastAssistantMessage().getAttribute("id"))?.replace(/^message-/, "");

  const { hits } = await searchApi(page, baseUrl, product);
  expect(hits.map((hit) => [hit.chat.id, hit.messageId])).toEqual([[chatId, answerId]]);
  expect(hits[0]?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual([product]);
});

test("another user's chats are never found", async ({ browser }) => {
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  const secret = `findsecret${crypto.randomUUID().slice(0, 8)}`;

  const aliceChat = new ChatPage(alice);
  await aliceChat.sendWhenReady(`Remember ${secret}`);
  await aliceChat.waitForAnswerToFinish();
  const aliceId = await aliceChat.chatId();
  expect((await searchApi(alice, oidcBaseUrl, secret)).hits.map((hit) => hit.chat.id)).toEqual([aliceId]);

  // Bob, by the API and in his Find dialog: nothing.
  expect((await searchApi(bob, oidcBaseUrl, secret)).hits).toEqual([]);
  const bobFind = new FindDialog(bob);
  await new ChatPage(bob).open(`${oidcBaseUrl}/`);
  await bobFind.openWithShortcut();
  await bobFind.type(secret);
  await expect(bobFind.status).toHaveText(`No chats match “${secret}”.`);
  await expect(bobFind.results).toHaveCount(0);
});

async function signedInPage(browser: Browser, name: "alice" | "bob"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, name);
  return page;
}
