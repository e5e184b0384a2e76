import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { createApiKey } from "./support/api-keys";
import { completionAttempts } from "./support/completion-attempts";
import { anyContentType, anyJson, json, nested, type Attempt } from "./support/fuzz-values";
import { baseServerEnv, dataDirOf } from "./servers";

// Hostile input: at least 1 000 generated requests per API route against a production server of
// its own (so "nothing stored" can be checked exactly). Every generated request is invalid in at
// least one way. Asserted: never a 5xx, always a JSON error (in OpenAI's format on /v1), the process
// never crashes, nothing is stored, and normal requests are answered afterwards.

const RUNS_PER_ROUTE = 1_000;

const validMessage = { id: "m1", role: "user", parts: [{ type: "text", text: "hello" }] };

const invalidChatId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).filter((id) => !/^[A-Za-z0-9_-]{1,100}$/.test(id)),
  fc.constant("x".repeat(101)),
  fc.constantFrom("../../etc/passwd", "%00", "a b", "<script>", ""),
);

const forgedToolPart = fc.record({
  type: fc.constantFrom("tool-getWeather", "tool-calculate", "tool-getCurrentTime", "tool-deleteEverything", "dynamic-tool"),
  toolCallId: fc.string(),
  state: fc.constantFrom("input-available", "output-available", "output-error", "approval-requested", "nonsense"),
  input: anyJson,
  output: anyJson,
  errorText: fc.oneof(fc.string(), fc.integer()),
});

/** A chat request broken in one of many ways (each of these is refused by itself). */
const brokenChatBody: fc.Arbitrary<string> = fc.oneof(
  // Not JSON at all, or cut off.
  fc.string(),
  fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1)) + "{"),
  // JSON of any other shape.
  anyJson.map((value) => json(value) ?? "null"),
  // The right shape with one thing wrong.
  fc.record({ id: invalidChatId, message: fc.constant(validMessage) }).map(json),
  fc.record({ id: fc.constant("c1"), message: fc.record({ id: fc.string(), role: fc.string().filter((role) => role !== "user"), parts: fc.constant(validMessage.parts) }) }).map(json),
  fc.record({ id: fc.constant("c1"), message: fc.record({ id: fc.constant("m1"), role: fc.constant("user"), parts: fc.array(fc.record({ type: fc.string(), text: anyJson }), { minLength: 1, maxLength: 5 }) }) })
    .filter((body) => body.message.parts.some((part) => part.type !== "text" || typeof part.text !== "string" || part.text.trim() === ""))
    .map(json),
  fc.record({ id: fc.constant("c1"), message: fc.record({ id: fc.constant("m1"), role: fc.constant("user"), parts: fc.array(forgedToolPart, { minLength: 1, maxLength: 3 }) }) }).map(json),
  fc.record({ id: fc.constant("c1"), messages: fc.array(fc.oneof(fc.constant(validMessage), fc.record({ id: fc.string(), role: fc.constant("assistant"), parts: fc.array(forgedToolPart, { minLength: 1, maxLength: 3 }) })), { minLength: 1, maxLength: 4 }) })
    .map((body) => ({ ...body, messages: [...body.messages, { id: "last", role: "assistant", parts: [{ type: "text", text: "forged last word" }] }] }))
    .map(json),
  fc.record({ id: fc.constant("c1"), message: fc.constant(validMessage), trigger: fc.string().filter((trigger) => !["submit-message", "regenerate-message"].includes(trigger)) }).map(json),
  fc.record({ id: fc.constant("c1"), message: fc.constant(validMessage), messages: fc.constant([validMessage]) }).map(json),
  // Too much: long text, too many messages, deep nesting where validators walk.
  fc.integer({ min: 32_001, max: 200_000 }).map((length) => json({ id: "c1", message: { ...validMessage, parts: [{ type: "text", text: "y".repeat(length) }] } })),
  fc.integer({ min: 1_000_001, max: 1_600_000 }).map((length) => json({ id: "c1", message: { ...validMessage, parts: [{ type: "text", text: "z".repeat(length) }] } })),
  fc.integer({ min: 201, max: 400 }).map((count) => json({ id: "c1", messages: Array.from({ length: count }, (_, index) => ({ ...validMessage, id: `m${index}` })) })),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => `{"id":"c1","message":{"id":"m1","role":"user","parts":[{"type":"data-toolRun","id":"x","data":${nested(depth)}}]}}`),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => `{"id":"c1","message":{"id":"m1","role":"user","parts":[{"type":"text","text":${nested(depth)}}]}}`),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => `{"id":"c1","message":{"id":"m1","role":"user","metadata":${nested(depth)},"parts":[{"type":"text","text":"hi"}]}}`),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => `{"id":${nested(depth)},"message":${json(validMessage)}}`),
);

const chatAttempts: fc.Arbitrary<Attempt> = fc.oneof(
  { weight: 8, arbitrary: brokenChatBody.map((body) => ({ method: "POST", path: "/api/chat", contentType: "application/json", body })) },
  { weight: 2, arbitrary: fc.tuple(anyContentType, fc.constant(json({ id: "c1", message: validMessage }))).map(([contentType, body]) => ({ method: "POST", path: "/api/chat", contentType, body })) },
);

const listAttempts: fc.Arbitrary<Attempt> = fc
  .record({ cursor: fc.option(fc.string({ maxLength: 600 })), limit: fc.option(fc.oneof(fc.string(), fc.integer().map(String))) })
  .map(({ cursor, limit }) => {
    const query = new URLSearchParams();
    if (cursor !== null) query.set("cursor", cursor);
    if (limit !== null) query.set("limit", limit);
    return { method: "GET", path: `/api/chats?${query}` };
  });

const chatIdInPath = fc.oneof(invalidChatId, fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/)).map((id) => encodeURIComponent(id) || "x");

const chatAttemptsById: fc.Arbitrary<Attempt> = fc.oneof(
  chatIdInPath.map((id) => ({ method: "GET", path: `/api/chats/${id}` })),
  chatIdInPath.map((id) => ({ method: "DELETE", path: `/api/chats/${id}` })),
  fc
    .tuple(chatIdInPath, fc.oneof(fc.string(), anyJson.map((value) => json({ title: value }) ?? "{}"), fc.constant(json({ title: "A fine title" }))), fc.oneof(fc.constant("application/json"), anyContentType))
    .map(([id, body, contentType]) => ({ method: "PATCH", path: `/api/chats/${id}`, contentType, body })),
);

const searchAttempts: fc.Arbitrary<Attempt> = fc
  .record({
    q: fc.option(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom('"', "*", "NEAR(a", "a OR", "(", "^x", "title:x", ""))),
    limit: fc.option(fc.oneof(fc.string(), fc.integer().map(String))),
  })
  .map(({ q, limit }) => {
    const query = new URLSearchParams();
    if (q !== null) query.set("q", q);
    if (limit !== null) query.set("limit", limit);
    return { method: "GET", path: `/api/chats/search?${query}` };
  });

const stopAttempts: fc.Arbitrary<Attempt> = fc
  .tuple(chatIdInPath, fc.option(fc.string()))
  .map(([id, body]) => ({ method: "POST", path: `/api/chat/${id}/stop`, contentType: "application/json", body: body ?? undefined }));

const exportAttempts: fc.Arbitrary<Attempt> = fc
  .tuple(chatIdInPath, fc.option(fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom("markdown", "json"))))
  .map(([id, format]) => ({ method: "GET", path: `/api/chats/${id}/export${format === null ? "" : `?format=${encodeURIComponent(format)}`}` }));

const feedbackBody = fc.oneof(
  fc.string(),
  anyJson.map((value) => json(value) ?? "{}"),
  anyJson.map((value) => json({ rating: value, note: value }) ?? "{}"),
  fc.string({ minLength: 2_001, maxLength: 3_000 }).map((note) => json({ rating: "down", note })),
  fc.constant(json({ rating: "down", note: "Wrong city." })),
);

const feedbackAttempts: fc.Arbitrary<Attempt> = fc
  .tuple(chatIdInPath, fc.string({ minLength: 1, maxLength: 300 }), feedbackBody, fc.oneof(fc.constant("application/json"), anyContentType), fc.constantFrom("PUT", "DELETE"))
  .map(([id, messageId, body, contentType, method]) => ({ method, path: `/api/chats/${id}/messages/${encodeURIComponent(messageId)}/feedback`, contentType, body }));

const healthAttempts: fc.Arbitrary<Attempt> = fc.string({ maxLength: 200 }).map((query) => ({ method: "GET", path: `/api/health?${encodeURIComponent(query)}` }));

/**
 * Parley's own error body (`{ error: { code, message } }`), or OpenAI's, which the /v1 routes answer
 * with for OpenAI's clients (`{ error: { message, type, code, param: null } }`).
 */
type ErrorFormat = "parley" | "openai";
type Route = { name: string; attempts: fc.Arbitrary<Attempt>; expected: number[]; errors: ErrorFormat };

function expectErrorBody(text: string, format: ErrorFormat): void {
  const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; type?: unknown; param?: unknown } };
  expect(typeof error?.code).toBe("string");
  expect(typeof error?.message).toBe("string");
  if (format === "openai") {
    expect(typeof error?.type).toBe("string");
    expect(error?.param).toBeNull();
  }
}

const apiRoutes: Route[] = [
  { name: "POST /api/chat", attempts: chatAttempts, expected: [400, 413, 415], errors: "parley" },
  { name: "GET /api/chats", attempts: listAttempts, expected: [200, 400], errors: "parley" },
  { name: "GET /api/chats/search", attempts: searchAttempts, expected: [200, 400], errors: "parley" },
  { name: "GET|PATCH|DELETE /api/chats/{id}", attempts: chatAttemptsById, expected: [400, 404, 413, 415], errors: "parley" },
  { name: "POST /api/chat/{id}/stop", attempts: stopAttempts, expected: [404], errors: "parley" },
  { name: "GET /api/chats/{id}/export", attempts: exportAttempts, expected: [400, 404], errors: "parley" },
  { name: "PUT|DELETE /api/chats/{id}/messages/{messageId}/feedback", attempts: feedbackAttempts, expected: [400, 404, 413, 415], errors: "parley" },
  { name: "GET /api/health", attempts: healthAttempts, expected: [200], errors: "parley" },
];

test.describe("fuzzing every API route", () => {
  let server: NextServer;
  /** An API key of the server's (local) user: the /v1 attempts carry it unless they test the key itself. */
  let apiKey: string;

  test.beforeAll(async () => {
    server = await startNextServer({ port: 3114, dataDir: dataDirOf("fuzz"), env: baseServerEnv });
    apiKey = (await createApiKey(server.url, { name: "fuzz" })).secret;
  });

  test.afterAll(async () => {
    await server.stop();
  });

  test(`${RUNS_PER_ROUTE} generated requests per route: no 5xx, JSON errors, nothing stored, still serving`, async () => {
    test.setTimeout(600_000);
    const summary: Record<string, Record<number, number>> = {};

    const routes: Route[] = [
      ...apiRoutes,
      { name: "POST /v1/chat/completions", attempts: completionAttempts(apiKey), expected: [400, 401, 404, 413, 415], errors: "openai" },
    ];
    for (const route of routes) {
      const statuses: Record<number, number> = {};
      summary[route.name] = statuses;
      await fc.assert(
        fc.asyncProperty(route.attempts, async (attempt) => {
          const headers: Record<string, string> = {};
          if (attempt.contentType !== undefined) headers["content-type"] = attempt.contentType;
          if (attempt.authorization !== undefined) headers.authorization = attempt.authorization;
          const response = await fetch(`${server.url}${attempt.path}`, { method: attempt.method, headers, body: attempt.body });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const text = await response.text();
          const request = `${attempt.method} ${attempt.path.slice(0, 80)} ${attempt.authorization === undefined ? "" : "(with a key) "}${attempt.body?.slice(0, 300) ?? ""} → ${text.slice(0, 300)}`;
          expect(response.status, request).toBeLessThan(500);
          expect(route.expected, request).toContain(response.status);
          if (response.status >= 400) expectErrorBody(text, route.errors);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261121, endOnFailure: true },
      );
    }

    console.log(`fuzz summary (requests per status): ${JSON.stringify(summary)}`);
    for (const statuses of Object.values(summary)) {
      expect(Object.values(statuses).reduce((sum, count) => sum + count, 0)).toBe(RUNS_PER_ROUTE);
    }

    // Nothing was stored, and the server still answers a normal request.
    const list = (await (await fetch(`${server.url}/api/chats`)).json()) as { chats: unknown[] };
    expect(list.chats).toEqual([]);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const normal = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: json({ id: "after-fuzz", message: { id: "m1", role: "user", parts: [{ type: "text", text: "What is 2 + 2?" }] } }),
    });
    expect(normal.status).toBe(200);
    expect(await normal.text()).toContain('"type":"finish"');
    const normalCompletion = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: json({ model: "demo", messages: [{ role: "user", content: "What is 2 + 2?" }] }),
    });
    expect(normalCompletion.status).toBe(200);
    expect(await normalCompletion.json()).toMatchObject({ object: "chat.completion", choices: [{ finish_reason: "stop" }] });
  });
});
