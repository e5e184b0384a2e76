import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { startNextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf } from "./servers";

// A server killed mid-answer (kill -9, or a Lambda that timed out) and started again on the same
// data: the answer the user was reading is kept as far as it was streamed, marked interrupted, with
// Regenerate; nothing is left running. The server is this spec's own, so killing it harms no other.

const question = "Write a TypeScript function that reverses a string";
/** The last words of the demo model's answer to `question`. */
const answerEnding = "writes any code you ask for.";

const serverOptions = {
  port: 3300,
  dataDir: dataDirOf("crash-recovery"),
  env: {
    ...baseServerEnv,
    // A word every 150 ms: the answer is still being written when the server is killed.
    DEMO_MODEL_TOKEN_DELAY_MS: "150",
    // The dead server's claim on the chat runs out a few seconds after its last renewal.
    STREAM_LEASE_MS: "3000",
  },
};

/** The stored conversation as roles, with each answer's status when it has one: "assistant failed". */
async function storedStatuses(request: APIRequestContext, origin: string, chatId: string): Promise<string[]> {
  const response = await request.get(`${origin}/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  const { messages } = (await response.json()) as ChatJson;
  return messages.map((message) => `${message.role} ${message.metadata?.status ?? ""}`.trim());
}

/** The words of a text as shown, without markdown marks that a partial text may show and a whole one not. */
const wordsOf = (text: string) => text.replace(/[`*_]/g, "").split(/\s+/).filter(Boolean);

test("a server killed mid-answer and restarted: the answer so far is kept, marked interrupted, and Regenerate answers anew", async ({ page }) => {
  // Two server starts and a whole slowly paced answer: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  let server = await startNextServer(serverOptions);
  try {
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send(question);
    await expect.poll(async () => wordsOf(await chat.lastAnswerText()).length).toBeGreaterThanOrEqual(6);
    const chatId = await chat.chatId();
    const shown = wordsOf(await chat.lastAnswerText());
    // About a second more of the answer arrives (the log is written a few times a second), then the crash.
    await expect.poll(async () => wordsOf(await chat.lastAnswerText()).length).toBeGreaterThanOrEqual(shown.length + 6);
    await server.kill();

    server = await startNextServer({ ...serverOptions, keepData: true });
    // Until the dead server's lease runs out its answer might still be running; then reading the
    // chat stores what it wrote, marked failed, and nothing is left running: no Stop, no resume.
    const origin = server.url;
    await expect.poll(async () => storedStatuses(page.request, origin, chatId)).toEqual(["user", "assistant failed"]);
    expect(await (await page.request.post(`${origin}/api/chat/${chatId}/stop`, { headers: { origin } })).json()).toEqual({ stopped: false });
    expect((await page.request.get(`${origin}/api/chat/${chatId}/stream`)).status()).toBe(204);

    await page.reload();
    await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
    await expect(chat.messageStatus()).toContainText("The server stopped before this answer finished.");
    await expect(page.getByTestId("regenerate-button")).toBeVisible();
    await expect(chat.stopButton).toBeHidden();
    const recovered = wordsOf(await chat.lastAnswerText());
    // What was shown is there (its last word may have been cut mid-token), and the answer had not finished.
    expect(recovered.slice(0, shown.length - 1)).toEqual(shown.slice(0, -1));
    expect(recovered.join(" ")).not.toContain(answerEnding);
    await page.screenshot({ path: test.info().outputPath("recovered-chat.png"), fullPage: true });

    await page.getByTestId("regenerate-button").click();
    // The whole answer at 150 ms a word: longer than an expect waits by default on a busy machine.
    await chat.waitForAnswerToFinish({ timeout: 60_000 });
    expect(await chat.lastAnswerText()).toContain(answerEnding);
    await page.reload();
    await expect(chat.assistantMessages()).toHaveCount(1);
    await expect(chat.messageStatus()).toHaveCount(0);
    expect(await chat.lastAnswerText()).toContain(answerEnding);
  } finally {
    await server.stop();
  }
});
