import { expect, test } from "@playwright/test";
import OpenAI, { APIError } from "openai";
import type { ChatCompletionChunk, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { toolResultsIn } from "@/test/fixtures/fake-openai/tool-results";
import { startNextServer } from "@/test/support/next-server";
import { createApiKey, revokeApiKey, sessionCookieOf } from "./support/api-keys";
import { baseUrlOf, dataDirOf, fakeOpenAIUrl, openAIServerEnv } from "./servers";

// Parley's /v1 API with OpenAI's own npm client, against the production build: what a program
// that speaks Chat Completions gets, Parley's tools running on the server.

type ToolActivity = { id: string; name: string; status: string; input?: unknown; output?: unknown; duration_ms?: number };
type ParleyExtension = { chat_id?: string; tool_activity?: ToolActivity | ToolActivity[] };
const parleyOf = (value: unknown) => (value as { parley?: ParleyExtension }).parley;

const demoUrl = baseUrlOf("demo");
const clientOf = (baseUrl: string, apiKey: string) => new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey, maxRetries: 0 });

async function statusOf(request: Promise<unknown>): Promise<{ status: number | undefined; type: unknown; headers: Headers | undefined }> {
  const error = await request.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return { status: error.status, type: (error.error as { type?: unknown } | undefined)?.type, headers: error.headers };
}

test.describe("the OpenAI-compatible API", () => {
  test("a whole completion: Parley runs getWeather and calculate, the answer uses their results, the chat is stored", async () => {
    const { secret } = await createApiKey(demoUrl);
    const client = clientOf(demoUrl, secret);

    const completion = await client.chat.completions.create({
      model: "demo",
      messages: [{ role: "user", content: "What's the weather in Paris, and what is 6 * 7?" }],
    });

    const answer = completion.choices[0]?.message.content ?? "";
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(answer).toContain("42");
    expect(answer).toContain("Paris");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const activity = parleyOf(completion)?.tool_activity as ToolActivity[];
    expect(activity.map(({ name, status }) => ({ name, status })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "calculate", status: "done" },
      { name: "getWeather", status: "done" },
    ]);
    expect(activity.every((run) => typeof run.duration_ms === "number")).toBe(true);

    // The conversation is one of the user's chats, as any other.
    const chatId = parleyOf(completion)?.chat_id;
    const stored = await fetch(`${demoUrl}/api/chats/${chatId}`);
    expect(stored.status).toBe(200);
    const chat = (await stored.json()) as { title: string; messages: { role: string }[] };
    expect(chat.title).toBe("What's the weather in Paris, and what is 6 * 7?");
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);

    // The conversation sent back with a new question goes on in the same chat.
    const answered = completion.choices[0]?.message;
    if (!answered) throw new Error("expected the answer");
    const followUp = await client.chat.completions.create({
      model: "demo",
      messages: [{ role: "user", content: "What's the weather in Paris, and what is 6 * 7?" }, answered, { role: "user", content: "What is 7 * 8?" }],
    });
    expect(followUp.choices[0]?.message.content).toContain("56");
    expect(parleyOf(followUp)?.chat_id).toBe(chatId);
    const continued = (await (await fetch(`${demoUrl}/api/chats/${chatId}`)).json()) as { messages: { role: string }[] };
    expect(continued.messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  test("a stream: the role first, text deltas, tool activity in the extension, usage last; store: false keeps nothing", async () => {
    const { secret } = await createApiKey(demoUrl);
    const client = clientOf(demoUrl, secret);

    const stream = await client.chat.completions.create({
      model: "demo",
      stream: true,
      stream_options: { include_usage: true },
      store: false,
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "What is 19 * 21?" },
      ],
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("399");
    const runs = chunks.flatMap((chunk) => {
      const activity = parleyOf(chunk)?.tool_activity;
      return activity && !Array.isArray(activity) ? [activity] : [];
    });
    expect(runs.map((run) => run.status)).toContain("running");
    expect(runs.at(-1)).toMatchObject({ name: "calculate", status: "done" });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
    expect(parleyOf(chunks[0])?.chat_id).toBeUndefined();
    // Other specs use this server at the same time: no chat of this question, rather than no new chat.
    const list = (await (await fetch(`${demoUrl}/api/chats?limit=100`)).json()) as { chats: { title: string }[] };
    expect(list.chats.map((chat) => chat.title)).not.toContain("What is 19 * 21?");
  });

  test("GET /v1/models lists the configured models, and an unknown one is a 404", async () => {
    const { secret } = await createApiKey(demoUrl);
    const client = clientOf(demoUrl, secret);
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(["demo"]);
    expect((await client.models.retrieve("demo")).object).toBe("model");
    const unknown = await statusOf(client.chat.completions.create({ model: "gpt-nope", messages: [{ role: "user", content: "hi" }] }));
    expect(unknown).toMatchObject({ status: 404, type: "not_found_error" });
  });

  test("401 without a key, with a made-up key, and with a revoked key", async () => {
    const key = await createApiKey(demoUrl);
    const ask = (apiKey: string) => clientOf(demoUrl, apiKey).chat.completions.create({ model: "demo", messages: [{ role: "user", content: "hi" }] });

    const withoutKey = await fetch(`${demoUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(withoutKey.status).toBe(401);
    expect(await withoutKey.json()).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
    expect(await statusOf(ask("parley_madeUpmadeUpmadeUpmadeUpmadeUpmadeUpmad"))).toMatchObject({ status: 401, type: "authentication_error" });

    await expect(ask(key.secret)).resolves.toBeTruthy();
    expect(await revokeApiKey(demoUrl, key.id)).toBe(204);
    expect(await statusOf(ask(key.secret))).toMatchObject({ status: 401, type: "authentication_error" });
  });

  test("the system message reaches the model, and the client's own function makes a round trip", async () => {
    const baseUrl = baseUrlOf("openaiChat");
    const { secret } = await createApiKey(baseUrl);
    const client = clientOf(baseUrl, secret);
    const [model] = (await client.models.list()).data.filter((candidate) => candidate.id !== "demo");
    if (!model) throw new Error("expected the OpenAI model besides the demo model");
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [
        { type: "tool-calls", calls: [{ name: "lookUpOrder", arguments: { orderId: 7 }, id: "call_order_7" }] },
        { type: "text", text: "Order 7 left the warehouse on Monday." },
      ],
    });
    const tools = [
      {
        type: "function" as const,
        function: { name: "lookUpOrder", description: "Where an order is", parameters: { type: "object", properties: { orderId: { type: "number" } }, required: ["orderId"] } },
      },
    ];
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: "You are the order desk." },
      { role: "user", content: `${scenario.marker} Where is order 7?` },
    ];

    const first = await client.chat.completions.create({ model: model.id, messages, tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call).toMatchObject({ id: "call_order_7", type: "function", function: { name: "lookUpOrder" } });
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(JSON.parse(call.function.arguments)).toEqual({ orderId: 7 });

    const asked = first.choices[0]?.message;
    if (!asked) throw new Error("expected the assistant's message");
    const second = await client.chat.completions.create({
      model: model.id,
      tools,
      messages: [...messages, asked, { role: "tool", tool_call_id: call.id, content: "Shipped Monday from Lyon." }],
    });
    expect(second.choices[0]?.message.content).toBe("Order 7 left the warehouse on Monday.");
    // Both requests are one conversation, kept as one chat: the answer went on after the results.
    const chatId = parleyOf(first)?.chat_id;
    expect(parleyOf(second)?.chat_id).toBe(chatId);
    const chat = (await (await fetch(`${baseUrl}/api/chats/${chatId}`)).json()) as { messages: { role: string; parts: { type: string; state?: string }[] }[] };
    expect(chat.messages.map((message) => message.role)).toEqual(["system", "user", "assistant"]);
    expect(chat.messages[2]?.parts).toContainEqual(expect.objectContaining({ type: "dynamic-tool", state: "output-available" }));

    const [firstRequest, secondRequest] = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    if (!firstRequest || !secondRequest) throw new Error("expected two model calls");
    expect(JSON.stringify(firstRequest.body)).toContain("You are the order desk.");
    expect(JSON.stringify(firstRequest.body)).toContain("lookUpOrder");
    expect(JSON.stringify(toolResultsIn(secondRequest))).toContain("Shipped Monday from Lyon.");
  });

  test("429 with Retry-After over the user's quota", async () => {
    test.setTimeout(120_000);
    const server = await startNextServer({ port: 3115, dataDir: dataDirOf("api-quota"), env: { ...openAIServerEnv, OPENAI_API: "chat", RATE_LIMIT_MESSAGES_PER_MINUTE: "1" } });
    try {
      const { secret } = await createApiKey(server.url);
      const client = clientOf(server.url, secret);
      // Both requests in one minute's window.
      const secondsIntoMinute = new Date().getUTCSeconds();
      if (secondsIntoMinute > 45) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
      await client.chat.completions.create({ model: "demo", messages: [{ role: "user", content: "What is 1 + 1?" }] });
      const refused = await statusOf(client.chat.completions.create({ model: "demo", messages: [{ role: "user", content: "What is 2 + 2?" }] }));
      expect(refused).toMatchObject({ status: 429, type: "rate_limit_error" });
      expect(Number(refused.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await server.stop();
    }
  });

  test("two users' keys: each conversation is its own user's, and one user cannot revoke another's key", async () => {
    const baseUrl = baseUrlOf("oidc");
    const [aliceCookie, bobCookie] = await Promise.all([sessionCookieOf("alice"), sessionCookieOf("bob")]);
    const alice = await createApiKey(baseUrl, { cookie: aliceCookie });
    const bob = await createApiKey(baseUrl, { cookie: bobCookie });
    const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: "Hello Alice." }] });
    const [model] = (await clientOf(baseUrl, alice.secret).models.list()).data.filter((candidate) => candidate.id !== "demo");
    if (!model) throw new Error("expected the OpenAI model besides the demo model");

    const completion = await clientOf(baseUrl, alice.secret).chat.completions.create({ model: model.id, messages: [{ role: "user", content: `${scenario.marker} Hi` }] });
    const chatId = parleyOf(completion)?.chat_id;
    expect((await fetch(`${baseUrl}/api/chats/${chatId}`, { headers: { cookie: aliceCookie } })).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/chats/${chatId}`, { headers: { cookie: bobCookie } })).status).toBe(404);

    expect(await revokeApiKey(baseUrl, alice.id, { cookie: bobCookie })).toBe(404);
    await expect(clientOf(baseUrl, alice.secret).models.list()).resolves.toBeTruthy();
    await expect(clientOf(baseUrl, bob.secret).models.list()).resolves.toBeTruthy();
  });
});
