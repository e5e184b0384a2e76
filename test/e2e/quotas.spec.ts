import { expect, test } from "@playwright/test";
import { readChatStream } from "@/test/support/read-chat-stream";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf, fakeOpenAIUrl, openAIServerEnv } from "./servers";

// Per-user limits kept in the store: over the limit → 429 with Retry-After, nothing stored, nothing
// sent to the model, and the UI says when the user can continue. Each test runs its own server.

const send = (baseUrl: string, text: string) =>
  fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: `quota-${crypto.randomUUID()}`,
      message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] },
      trigger: "submit-message",
    }),
  });

const startServer = (name: string, port: number, env: Record<string, string>): Promise<NextServer> =>
  startNextServer({ port, dataDir: dataDirOf(name), env });

/** A burst must not straddle two minute windows: start it early in a minute. */
async function atTheStartOfAMinute() {
  const secondsIntoMinute = new Date().getUTCSeconds();
  if (secondsIntoMinute > 45) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
}

test.describe("quotas", () => {
  test("messages per minute: a concurrent burst gets exactly the limit through, the rest 429 without reaching the model", async ({ page }) => {
    test.setTimeout(120_000);
    const server = await startServer("quota-messages", 3112, { ...openAIServerEnv, OPENAI_API: "chat", RATE_LIMIT_MESSAGES_PER_MINUTE: "3" });
    try {
      const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: "Within the limit." }] });
      await atTheStartOfAMinute();
      const responses = await Promise.all(Array.from({ length: 8 }, () => send(server.url, `${scenario.marker} hello`)));

      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
      for (const response of responses) {
        if (response.status === 200) {
          expect((await readChatStream(response)).invalid).toEqual([]);
          continue;
        }
        const retryAfter = Number(response.headers.get("retry-after"));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        const body = (await response.json()) as { error: { code: string; message: string; retryAt: string } };
        expect(body.error.code).toBe("rate_limited");
        // "in 1 min" when the burst falls in the first second of a clock minute (a wait of 59.x s).
        expect(body.error.message).toMatch(/^You can send 3 messages a minute\. You can continue in (\d+ s|1 min)\.$/);
        expect(Date.parse(body.error.retryAt)).toBeGreaterThan(Date.now());
      }
      // Nothing of the refused messages was sent to the model or stored.
      expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(3);
      const list = (await (await fetch(`${server.url}/api/chats`)).json()) as { chats: unknown[] };
      expect(list.chats).toHaveLength(3);

      // The UI says when the user can continue.
      const chat = new ChatPage(page);
      await chat.open(server.url);
      await chat.send("One more, please");
      await expect(chat.errorBanner).toContainText(/You can send 3 messages a minute\. You can continue in \d+ s\./);
      // The refused message waits in the composer; Retry sends it again once the minute is over.
      await expect(chat.composer).toHaveValue("One more, please");
      await expect(chat.retryButton).toBeVisible();
    } finally {
      await server.stop();
    }
  });

  test("tokens per day: once today's budget is used, the next message gets 429 until midnight UTC", async () => {
    const server = await startServer("quota-tokens", 3113, { ...baseServerEnv, DAILY_TOKEN_BUDGET: "100" });
    try {
      const first = await send(server.url, "Write a TypeScript function that reverses a string");
      expect(first.status).toBe(200);
      await readChatStream(first);

      const second = await send(server.url, "And another one");
      expect(second.status).toBe(429);
      const body = (await second.json()) as { error: { code: string; message: string; retryAt: string } };
      expect(body.error.message).toMatch(/^You have used today's budget of 100 tokens\. You can continue in .+ \(at midnight UTC\)\.$/);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      expect(Date.parse(body.error.retryAt)).toBe(midnight.getTime());
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
