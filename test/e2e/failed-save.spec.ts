import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { ANSWER_NOT_SAVED_TEXT } from "@/lib/chat/stream-error-text";
import { migrate } from "@/lib/store/sqlite/migrations";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf } from "./servers";

// A store that fails when the answer is saved (a full disk, a DynamoDB error): the user is told at
// the end of the stream, the text stays on screen to copy, and a reload shows what was stored.
// The failure is real: the server's own SQLite file refuses answers (a trigger), nothing is mocked.

test.describe("an answer that cannot be saved", () => {
  let server: NextServer;

  test.beforeAll(async () => {
    const dataDir = dataDirOf("failed-save");
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const database = new Database(join(dataDir, "parley.sqlite"));
    migrate(database);
    database.exec(`
      CREATE TRIGGER answers_cannot_be_saved BEFORE INSERT ON messages
      WHEN json_extract(NEW.body, '$.role') = 'assistant'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
    `);
    database.close();
    server = await startNextServer({ dataDir, keepData: true, env: baseServerEnv });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("ends with an error saying so, keeps the text on screen, and a reload shows only the question", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send("What is 6 * 7?");

    await expect(chat.errorBanner).toContainText(ANSWER_NOT_SAVED_TEXT);
    await expect(chat.lastAssistantMessage()).toContainText("42");
    await expect(chat.sendButton).toBeVisible();

    await chat.chatId();
    await page.reload();
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([/6 \* 7/]);
    await expect(chat.assistantMessages()).toHaveCount(0);
  });
});
