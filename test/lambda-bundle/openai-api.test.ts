import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { composeCannedAnswer } from "@/lib/ai/demo-model/canned-answer";
import { oidcUserId } from "@/lib/auth/identity";
import { sealSession } from "@/lib/auth/session";
import type { ChatJson } from "@/lib/chat/chat-json";
import { CHAT_ID_HEADER } from "@/lib/openai-api/run-completion";
import { assertStreamed } from "./assert-streamed";
import { type LocalLambda, completionRequest, createApiKey, startLocalLambda, textOf } from "./lambda-harness";
import { isContentDelta, readCompletionStream } from "./read-completion-stream";

// The OpenAI-compatible API in the bundle SST deploys, under AWS's runtime client: a program with
// a personal API key (made as the keys page makes it) gets its answer streamed through the Function
// URL as `chat.completion.chunk` events, with Parley's tools run inside the function; with login,
// a signed-in user's key does, and the session cookie alone opens nothing there.

/**
 * Eight tool calls of the tools that need no network, one answer line each: a long answer after a
 * tool step, its text streaming over longer than the step took.
 */
const CITIES = ["Tokyo", "London", "New York", "Sydney", "Berlin", "Singapore", "Paris"];
const QUESTION = `What is 17% of 2340, and what time is it in ${CITIES.slice(0, -1).join(", ")} and ${CITIES.at(-1)}?`;

describe("/v1/chat/completions in the streaming Lambda bundle", () => {
  let lambda: LocalLambda;
  let apiKey: string;

  beforeAll(async () => {
    lambda = await startLocalLambda({ bundleDir: inject("bundles").streaming });
    ({ secret: apiKey } = await createApiKey(lambda));
  });

  afterAll(async () => {
    await lambda?.stop();
  });

  test("streams an answer with API key auth: content deltas spread over the answer, tool runs in the extension", async () => {
    const recording = await lambda.invoke(completionRequest({ model: "demo", stream: true, messages: [{ role: "user", content: QUESTION }] }, apiKey)).result;

    const { response, events, textDeltas } = assertStreamed(recording, { isTextDelta: isContentDelta });
    expect(response.mode).toBe("streaming");
    expect(response.headers["content-encoding"] ?? "identity").toBe("identity");
    expect(textDeltas.length).toBeGreaterThan(80);
    expect(events.filter((event) => event.kind === "data").at(-1)?.text).toBe("[DONE]");

    const reading = await readCompletionStream(response.body);
    expect(reading.invalid).toEqual([]);
    expect(new Set(reading.chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(reading.chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(reading.chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(reading.chunks.slice(0, -1).every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    for (const result of ["397.8", ...CITIES]) expect(reading.content).toContain(result);

    // Each tool ran in the function: reported running, then done with its output.
    expect(reading.toolActivity.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: "calculate", status: "done" },
      ...CITIES.map(() => ({ name: "getCurrentTime", status: "done" })),
    ]);
    expect(reading.toolActivity[0]).toMatchObject({ input: { expression: "17% of 2340" }, output: { result: "397.8" }, duration_ms: expect.any(Number) });
    const statuses = reading.chunks.flatMap((chunk) => (chunk.parley?.tool_activity ? [chunk.parley.tool_activity.status] : []));
    expect(statuses).toContain("running");
    expect(lambda.runtimeApi.initError).toBeUndefined();

    // The conversation is stored once the answer is, as one of the user's chats.
    const chatId = response.headers[CHAT_ID_HEADER];
    expect(reading.chunks[0]?.parley?.chat_id).toBe(chatId);
    const { response: stored } = await lambda.request({ path: `/api/chats/${chatId}` });
    expect(stored.statusCode).toBe(200);
    const chat = JSON.parse(stored.body.toString("utf8")) as ChatJson;
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(textOf(chat.messages[1])).toBe(reading.content);
  });

  test("answers 401 in OpenAI's error format without a key, and with one that is not Parley's", async () => {
    const body = { model: "demo", stream: true, messages: [{ role: "user", content: "Hello" }] };
    for (const apiKey of [undefined, "parley_madeUpmadeUpmadeUpmadeUpmadeUpmadeUpmad"]) {
      const { response } = await lambda.request(completionRequest(body, apiKey));
      expect(response.statusCode).toBe(401);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(response.body.toString("utf8"))).toEqual({
        error: { message: expect.any(String), type: "authentication_error", code: "invalid_api_key", param: null },
      });
    }
  });
});

const AUTH_SECRET = "lambda-test-auth-secret-0123456789abcdef";
/** Never contacted: the session is sealed here, as the sign-in callback would seal it. */
const ISSUER = "https://id.example.com";
const CODE_QUESTION = "Write a TypeScript function that reverses a string";

/** The `Cookie` header of a signed-in, allowed user's session over the Function URL (https). */
async function sessionCookie(): Promise<string> {
  const identity = { issuer: ISSUER, subject: "ada", email: "ada@example.com", emailVerified: true, name: "Ada" };
  const sealed = await sealSession({ userId: oidcUserId(ISSUER, identity.subject), identity }, { secret: AUTH_SECRET, maxAgeSeconds: 3_600 });
  return `__Host-parley_session=${sealed}`;
}

describe("/v1/chat/completions in the streaming Lambda bundle with login (AUTH_MODE=oidc)", () => {
  let lambda: LocalLambda;

  beforeAll(async () => {
    lambda = await startLocalLambda({
      bundleDir: inject("bundles").streaming,
      env: { AUTH_MODE: "oidc", AUTH_ISSUER: ISSUER, AUTH_CLIENT_ID: "parley-lambda", AUTH_CLIENT_SECRET: "lambda-secret", AUTH_SECRET, ALLOWED_DOMAINS: "example.com" },
    });
  });

  afterAll(async () => {
    await lambda?.stop();
  });

  test("a signed-in user's key streams an answer; the session cookie is no key", async () => {
    const cookie = await sessionCookie();
    const { secret } = await createApiKey(lambda, { headers: { cookie } });
    const body = { model: "demo", stream: true, messages: [{ role: "user", content: CODE_QUESTION }] };

    const { response } = assertStreamed(await lambda.invoke(completionRequest(body, secret)).result, { isTextDelta: isContentDelta });
    const reading = await readCompletionStream(response.body);
    expect(reading.invalid).toEqual([]);
    expect(reading.content).toBe(composeCannedAnswer(CODE_QUESTION));

    const withCookie = completionRequest(body);
    const { response: cookieOnly } = await lambda.request({ ...withCookie, headers: { ...withCookie.headers, cookie } });
    expect(cookieOnly.statusCode).toBe(401);
    expect(JSON.parse(cookieOnly.body.toString("utf8"))).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
  });
});
