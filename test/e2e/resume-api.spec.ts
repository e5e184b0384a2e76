import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { readChatStream } from "@/test/support/read-chat-stream";
import { baseUrlOf, type AppServerName } from "./servers";

// The AI SDK's resume contract on the production server, on both stores: while an answer is being
// written, GET /api/chat/{id}/stream streams it from its start, then live, to the same end; once
// the answer is stored, 204. The demo model is paced: this answer takes a couple of seconds.

const question = "Write a TypeScript function that reverses a string";

async function storedChat(request: APIRequestContext, server: string, chatId: string): Promise<ChatJson | undefined> {
  const response = await request.get(`${server}/api/chats/${chatId}`);
  return response.ok() ? ((await response.json()) as ChatJson) : undefined;
}

function textOfParts(parts: ReadonlyArray<{ type: string; text?: string }> | undefined): string {
  return (parts ?? []).map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}

for (const serverName of ["demo", "demoOnDynamoDB"] satisfies AppServerName[]) {
  test.describe(`GET /api/chat/{id}/stream (${serverName})`, () => {
    const server = baseUrlOf(serverName);

    test("mid-answer it streams the answer to its end, the stored text; once the answer is stored it is 204", async ({ request }) => {
      const chatId = crypto.randomUUID();
      // The tab that sent the message, reading its answer in the background.
      const sending = request.post(`${server}/api/chat`, {
        data: { id: chatId, messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: question }] }], trigger: "submit-message" },
      });
      // Another tab opens the chat once the question is stored, while the answer is written.
      await expect.poll(async () => (await storedChat(request, server, chatId))?.messages.length).toBe(1);

      const resumed = await request.get(`${server}/api/chat/${chatId}/stream`);
      expect(resumed.status()).toBe(200);
      expect(resumed.headers()["content-type"]).toBe("text/event-stream");
      expect(resumed.headers()["x-vercel-ai-ui-message-stream"]).toBe("v1");
      const reading = await readChatStream(new Response(await resumed.text()));
      const sent = await readChatStream(new Response(await (await sending).text()));

      const stored = await storedChat(request, server, chatId);
      expect(stored?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      const storedText = textOfParts(stored?.messages[1]?.parts);
      expect(storedText).toContain("function reverseString");
      expect(reading.invalid).toEqual([]);
      expect(textOfParts(reading.message?.parts)).toBe(storedText);
      expect(reading.chunks.map(({ chunk }) => chunk)).toEqual(sent.chunks.map(({ chunk }) => chunk));

      const afterTheAnswer = await request.get(`${server}/api/chat/${chatId}/stream`);
      expect(afterTheAnswer.status()).toBe(204);
      expect(await afterTheAnswer.body()).toHaveLength(0);
    });
  });
}
