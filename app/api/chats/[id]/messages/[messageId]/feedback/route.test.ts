import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatJson } from "@/lib/chat/chat-json";
import type { ChatMessage } from "@/lib/message/chat-message";
import { LOCAL_USER_ID } from "@/lib/auth/identity";
import { getStores } from "@/lib/store/get-stores";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";
import { GET as getChat } from "../../../route";
import { DELETE, GET, PUT } from "./route";

// The feedback route as the server runs it (its stores from the configuration, here a temp SQLite
// file, no login): what each request gets back, and what is stored.

const origin = "http://localhost:3000";
const chatId = "rated-chat";
const question: ChatMessage = { id: "question", role: "user", parts: [{ type: "text", text: "Weather in Paris?" }] };
const answer: ChatMessage = { id: "answer", role: "assistant", parts: [{ type: "text", text: "Sunny.", state: "done" }], metadata: { modelId: "demo" } };

type Params = { id: string; messageId: string };

function feedbackRequest(method: string, { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(`${origin}/api/chats/${chatId}/messages/${answer.id}/feedback`, {
    method,
    headers: { host: "localhost:3000", origin, "sec-fetch-site": "same-origin", "content-type": "application/json", ...headers },
    body,
  });
}

const context = (params: Partial<Params> = {}) => ({ params: Promise.resolve({ id: chatId, messageId: answer.id, ...params }) });

async function storedAnswer(): Promise<ChatMessage | undefined> {
  const response = await getChat(new Request(`${origin}/api/chats/${chatId}`, { headers: { host: "localhost:3000" } }), { params: Promise.resolve({ id: chatId }) });
  return ((await response.json()) as ChatJson).messages.find(({ id }) => id === answer.id);
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

describe("PUT and DELETE /api/chats/{id}/messages/{messageId}/feedback", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-feedback-route-"));
  let output: CapturedOutput;

  beforeAll(async () => {
    vi.stubEnv("PARLEY_DATA_DIR", dataDir);
    vi.stubEnv("AUTH_MODE", "none");
    const { chats } = await getStores();
    await chats.ensureChat(LOCAL_USER_ID, { id: chatId, title: "Paris", now: 1_000 });
  });
  beforeEach(async () => {
    output = captureOutput();
    const { chats } = await getStores();
    // Each test starts from the answer without feedback.
    await chats.saveMessage(LOCAL_USER_ID, chatId, question, 1_000);
    await chats.saveMessage(LOCAL_USER_ID, chatId, answer, 1_000);
  });
  afterEach(() => output.restore());
  afterAll(async () => {
    await (await getStores()).close();
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores a thumb down with its note, which the chat then shows on the answer, and counts it", async () => {
    const response = await PUT(feedbackRequest("PUT", { body: JSON.stringify({ rating: "down", note: " Not sunny. " }) }), context());

    expect(response.status).toBe(200);
    const { feedback } = (await response.json()) as { feedback: { rating: string; note: string; at: number } };
    expect(feedback).toEqual({ rating: "down", note: "Not sunny.", at: expect.any(Number) });
    expect((await storedAnswer())?.metadata?.feedback).toEqual(feedback);
    expect(output.emf()).toEqual([
      expect.objectContaining({ AnswerFeedback: 1, rating: "down" }),
      expect.objectContaining({ AnswerFeedback: 1, rating: "down", model: "demo" }),
    ]);
  });

  it("takes it back with DELETE", async () => {
    await PUT(feedbackRequest("PUT", { body: JSON.stringify({ rating: "up" }) }), context());

    const response = await DELETE(feedbackRequest("DELETE"), context());
    expect(response.status).toBe(204);
    expect(await storedAnswer()).toEqual(answer);
  });

  it("answers a bad body with 400 saying what is wrong, and stores nothing", async () => {
    const cases = [
      [JSON.stringify({ rating: "meh" }), "invalid_request", 'The rating is "up" or "down".'],
      [JSON.stringify({ rating: "down", note: "x".repeat(2_001) }), "invalid_request", "A note has at most 2000 characters."],
      ["{", "invalid_json", "The request body is not valid JSON."],
    ] as const;
    for (const [body, code, message] of cases) {
      expect(await errorOf(await PUT(feedbackRequest("PUT", { body }), context()))).toEqual({ status: 400, code, message });
    }
    expect(await storedAnswer()).toEqual(answer);
  });

  it("refuses a user message (400), and an unknown message or chat (404)", async () => {
    const body = JSON.stringify({ rating: "up" });
    expect(await errorOf(await PUT(feedbackRequest("PUT", { body }), context({ messageId: question.id })))).toMatchObject({ status: 400, code: "invalid_request" });
    expect(await errorOf(await PUT(feedbackRequest("PUT", { body }), context({ messageId: "nope" })))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await PUT(feedbackRequest("PUT", { body }), context({ id: "no-such-chat" })))).toMatchObject({ status: 404, code: "not_found" });
    expect(await errorOf(await DELETE(feedbackRequest("DELETE"), context({ id: "../etc" })))).toMatchObject({ status: 404, code: "not_found" });
  });

  it("refuses a request from another site (403) before anything else", async () => {
    const body = JSON.stringify({ rating: "down" });
    const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    expect(await errorOf(await PUT(feedbackRequest("PUT", { body, headers: crossSite }), context()))).toMatchObject({ status: 403, code: "cross_site_request" });
    expect(await errorOf(await DELETE(feedbackRequest("DELETE", { headers: crossSite }), context()))).toMatchObject({ status: 403, code: "cross_site_request" });
    expect(await storedAnswer()).toEqual(answer);
  });

  it("answers another method with 405 naming PUT and DELETE", async () => {
    const response = GET();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("PUT, DELETE");
  });
});
