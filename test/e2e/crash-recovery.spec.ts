import { expect, test } from "@playwright/test";
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

/** The words of a text as shown, without markdown marks that a partial text may show and a whole one not. */
const wordsOf = (text: string) => text.replace(/[`*_]/g, "").split(/\s+/).filter(Boolean);

test("a server killed mid-answer and restarted: the answer so far is kept, marked interrupted, and Regenerate answers anew", async ({ page }) => {
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
    // Until the dead server's lease runs out its answer might still be running; then Stop finds nothing to stop.
    await expect
      .poll(async () => (await page.request.post(`${server.url}/api/chat/${chatId}/stop`, { headers: { origin: server.url } })).json())
      .toEqual({ stopped: false });

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

    // Nothing is being written any more; the stored chat says how the answer ended.
    expect((await page.request.get(`${server.url}/api/chat/${chatId}/stream`)).status()).toBe(204);
    const stored = (await (await page.request.get(`${server.url}/api/chats/${chatId}`)).json()) as ChatJson;
    expect(stored.messages.map((message) => `${message.role} ${message.metadata?.status ?? ""}`.trim())).toEqual(["user", "assistant failed"]);

    await page.getByTestId("regenerate-button").click();
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain(answerEnding);
    await page.reload();
    await expect(chat.assistantMessages()).toHaveCount(1);
    await expect(chat.messageStatus()).toHaveCount(0);
    expect(await chat.lastAnswerText()).toContain(answerEnding);
  } finally {
    await server.stop();
  }
});
