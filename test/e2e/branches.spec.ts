import { expect, test } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { readChatStream } from "@/test/support/read-chat-stream";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// Edit and branch: an edited question starts a branch beside the first, a regenerated answer is a
// sibling of the first; the switcher shows each, the chat remembers which, and the model only ever
// reads the branch shown.

const baseURL = baseUrlOf("openaiChat");

/** The texts of the user and assistant messages the model was sent in a recorded request. */
const conversationSent = (body: unknown) =>
  ((body as { messages: { role: string; content: unknown }[] }).messages ?? [])
    .filter((message) => message.role === "user" || message.role === "assistant")
    .map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content)));

test("an edited question starts a branch; the switcher goes back and forth, and a reload keeps the branch shown", async ({ page }) => {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "Paris is the capital of France." },
      [
        { type: "text", text: "Lyon has about half a million people." },
        { type: "text", text: "Marseille has about 870,000 people." },
      ],
    ],
  });
  const chat = new ChatPage(page);
  await chat.open(baseURL);
  await chat.send(`${scenario.marker} What is the capital of France?`);
  await chat.waitForAnswerToFinish();
  await chat.send("How many people live in Lyon?");
  await chat.waitForAnswerToFinish();

  const question = chat.userMessages().nth(1);
  await chat.editMessage(question, "How many people live in Marseille?");
  await chat.waitForAnswerToFinish();
  expect(await chat.answerTexts()).toEqual(["Paris is the capital of France.", "Marseille has about 870,000 people."]);
  await expect(chat.branchPosition(chat.userMessages().nth(1))).toHaveText("2 / 2");
  await expect(page.getByText("Lyon has about half a million people.")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("branch-switcher.png") });

  // The model read the edited branch only: nothing of the question it replaces.
  const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
  expect(requests).toHaveLength(3);
  const editedRequest = conversationSent(requests[2]?.body).join("\n");
  expect(editedRequest).toContain("Marseille");
  expect(editedRequest).not.toContain("Lyon");

  await chat.switchBranch(chat.userMessages().nth(1), "previous");
  await expect(chat.userMessages().nth(1).getByTestId("message-text")).toHaveText("How many people live in Lyon?");
  await expect(chat.branchPosition(chat.userMessages().nth(1))).toHaveText("1 / 2");
  expect(await chat.answerTexts()).toEqual(["Paris is the capital of France.", "Lyon has about half a million people."]);
  // Focus stays on the switcher the user pressed.
  await expect(chat.userMessages().nth(1).getByTestId("branch-previous")).toBeFocused();

  await page.reload();
  await expect(chat.userMessages().nth(1).getByTestId("message-text")).toHaveText("How many people live in Lyon?");
  await expect(chat.branchPosition(chat.userMessages().nth(1))).toHaveText("1 / 2");

  // By keyboard: Tab to the switcher's Next, Enter.
  await chat.userMessages().nth(1).getByTestId("branch-next").focus();
  const switched = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/branch"));
  await page.keyboard.press("Enter");
  await switched;
  await expect(chat.userMessages().nth(1).getByTestId("message-text")).toHaveText("How many people live in Marseille?");
  await page.reload();
  expect(await chat.answerTexts()).toEqual(["Paris is the capital of France.", "Marseille has about 870,000 people."]);
  await expect(chat.branchPosition(chat.userMessages().nth(1))).toHaveText("2 / 2");
});

test("Regenerate on a finished answer: a second version beside the first, and the model reads only the branch shown", async ({ page }) => {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "The sky is blue: air scatters blue light most." },
      [
        { type: "text", text: "Grass is green because of chlorophyll." },
        { type: "text", text: "Chlorophyll reflects green light, so grass looks green." },
      ],
    ],
  });
  const chat = new ChatPage(page);
  await chat.open(baseURL);
  await chat.send(`${scenario.marker} Why is the sky blue?`);
  await chat.waitForAnswerToFinish();
  await chat.send("And why is grass green?");
  await chat.waitForAnswerToFinish();

  await chat.regenerateAnswer(chat.lastAssistantMessage());
  await expect(chat.lastAssistantMessage().getByTestId("message-text")).toHaveText("Chlorophyll reflects green light, so grass looks green.");
  await chat.waitForAnswerToFinish();
  await expect(chat.branchPosition(chat.lastAssistantMessage())).toHaveText("2 / 2");
  const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
  expect(conversationSent(requests.at(-1)?.body)).toEqual([`${scenario.marker} Why is the sky blue?`, "The sky is blue: air scatters blue light most.", "And why is grass green?"]);

  await chat.switchBranch(chat.lastAssistantMessage(), "previous");
  expect(await chat.answerTexts()).toEqual(["The sky is blue: air scatters blue light most.", "Grass is green because of chlorophyll."]);
  await expect(chat.branchPosition(chat.lastAssistantMessage())).toHaveText("1 / 2");
  await page.reload();
  await expect(chat.branchPosition(chat.lastAssistantMessage())).toHaveText("1 / 2");
  expect(await chat.answerTexts()).toEqual(["The sky is blue: air scatters blue light most.", "Grass is green because of chlorophyll."]);
});

test("a client of the API regenerates a finished answer: two siblings, and the model reads only the active branch", async () => {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "Blue, because of Rayleigh scattering." },
      [
        { type: "text", text: "Green is a fine colour." },
        { type: "text", text: "Green, regenerated." },
      ],
    ],
  });
  const chatId = `branches-api-${crypto.randomUUID()}`;
  const request = (method: string, path: string, body?: object) =>
    fetch(`${baseURL}${path}`, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
  const post = async (body: object) => {
    const response = await request("POST", "/api/chat", { id: chatId, ...body });
    expect(response.status).toBe(200);
    return readChatStream(response);
  };
  const question = (id: string, text: string) => ({ id, role: "user", parts: [{ type: "text", text }] });
  const readChat = async () => (await (await request("GET", `/api/chats/${chatId}`)).json()) as ChatJson;

  await post({ message: question("q1", `${scenario.marker} Why is the sky blue?`) });
  await post({ message: question("q2", "And the grass?") });
  const before = await readChat();
  const firstAnswer = before.messages[3];

  // Regenerate the last answer: the AI SDK's body, its history cut before the answer.
  await post({ messages: before.messages.slice(0, 3), trigger: "regenerate-message", messageId: firstAnswer?.id });
  const after = await readChat();
  expect(after.messages.map((message) => message.id).slice(0, 3)).toEqual(["q1", before.messages[1]?.id, "q2"]);
  const answers = after.tree.filter((node) => node.parentId === "q2");
  expect(answers).toHaveLength(2);
  expect(answers[0]?.id).toBe(firstAnswer?.id);
  expect(after.messages[3]?.id).toBe(answers[1]?.id);

  const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
  expect(conversationSent(requests.at(-1)?.body)).toEqual([`${scenario.marker} Why is the sky blue?`, "Blue, because of Rayleigh scattering.", "And the grass?"]);

  // Switch back to the first answer: the chat reads so for every client.
  const switched = await request("PUT", `/api/chats/${chatId}/branch`, { messageId: firstAnswer?.id });
  expect(switched.status).toBe(200);
  expect(((await switched.json()) as ChatJson).messages.at(-1)?.id).toBe(firstAnswer?.id);
  expect((await readChat()).messages.at(-1)?.id).toBe(firstAnswer?.id);

  // A message the chat does not have, a bad body, a parent the chat does not have.
  expect((await request("PUT", `/api/chats/${chatId}/branch`, { messageId: "nope" })).status).toBe(404);
  expect((await request("PUT", `/api/chats/${chatId}/branch`, { message: 1 })).status).toBe(400);
  expect((await request("POST", "/api/chat", { id: chatId, message: question("q3", "Lost?"), parentId: "nope" })).status).toBe(400);
});

test("an answer's version switched while the page reads the chat again stays shown", async ({ page }) => {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "Tea comes from Camellia sinensis." },
      { type: "text", text: "Tea is the leaves of Camellia sinensis." },
    ],
  });
  const chat = new ChatPage(page);
  await chat.open(baseURL);
  await chat.send(`${scenario.marker} Where does tea come from?`);
  await chat.waitForAnswerToFinish();
  await chat.regenerateAnswer(chat.lastAssistantMessage());
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();

  // The page comes back into view and reads the chat; the read is answered as the chat was then,
  // but reaches the page only after the user switched to the other version.
  let deliverRead = () => {};
  const readHeld = new Promise<void>((resolve) => (deliverRead = resolve));
  let readAnswered = () => {};
  const readMade = new Promise<void>((resolve) => (readAnswered = resolve));
  let isFirstRead = true;
  await page.route(`**/api/chats/${chatId}`, async (route) => {
    if (route.request().method() !== "GET" || !isFirstRead) return route.continue();
    isFirstRead = false;
    const response = await route.fetch();
    readAnswered();
    await readHeld;
    await route.fulfill({ response });
  });
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await readMade;
  await chat.switchBranch(chat.lastAssistantMessage(), "previous");
  expect(await chat.answerTexts()).toEqual(["Tea comes from Camellia sinensis."]);

  // The read from before the switch is not shown: the page reads the chat again.
  let reads = 0;
  const readAgain = new Promise<void>((resolve) =>
    page.on("response", (response) => {
      const isRead = new URL(response.url()).pathname === `/api/chats/${chatId}` && response.request().method() === "GET";
      if (isRead && ++reads === 2) resolve();
    }),
  );
  deliverRead();
  await readAgain;
  await expect(chat.branchPosition(chat.lastAssistantMessage())).toHaveText("1 / 2");
  expect(await chat.answerTexts()).toEqual(["Tea comes from Camellia sinensis."]);
});
