import { expect, test } from "@playwright/test";
import { readChatStream } from "@/test/support/read-chat-stream";
import { baseUrlOf } from "./servers";

// The HTTP contract of POST /api/chat on the production server, read the way the AI SDK client
// reads it. Cities here are used by no other spec, so the tool cache cannot hide a call.

const chatUrl = `${baseUrlOf("demo")}/api/chat`;

const body = (text: string) => ({
  id: `contract-${crypto.randomUUID()}`,
  messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
  trigger: "submit-message",
});

const postJson = (payload: unknown, headers: Record<string, string> = {}) =>
  fetch(chatUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });

test.describe("POST /api/chat", () => {
  test("streams valid UI message protocol, spread over time, with tool calls and their results", async () => {
    const response = await postJson(body("What's the weather in Sydney and Berlin, and what is 12 * 12?"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("content-encoding")).toBeNull();

    const reading = await readChatStream(response);
    expect(reading.invalid).toEqual([]);
    const types = reading.chunks.map(({ chunk }) => chunk.type);
    expect(types[0]).toBe("start");
    expect(types.at(-1)).toBe("finish");

    const calls = reading.chunks.flatMap(({ chunk }) => (chunk.type === "tool-input-available" ? [chunk] : []));
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([
      ["getWeather", { city: "Sydney" }],
      ["getWeather", { city: "Berlin" }],
      ["calculate", { expression: "12 * 12" }],
    ]);
    const outputs = reading.chunks.flatMap(({ chunk }) => (chunk.type === "tool-output-available" ? [chunk] : []));
    expect(outputs).toHaveLength(3);

    const deltas = reading.chunks.filter(({ chunk }) => chunk.type === "text-delta");
    expect(deltas.length).toBeGreaterThan(10);
    const arrivalTimes = new Set(deltas.map(({ atMs }) => Math.round(atMs)));
    expect(arrivalTimes.size).toBeGreaterThan(5);

    const text = reading.message?.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("") ?? "";
    expect(text).toContain("Sydney");
    expect(text).toContain("Berlin");
    expect(text).toContain("144");
  });

  test("sends its first bytes before the model has answered", async () => {
    const response = await postJson(body("Tell me about yourself."));
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const first = await reader.read();
    // The first bytes are the stream-open comment and the start chunk, not text from the model.
    expect(new TextDecoder().decode(first.value)).not.toContain("text-delta");
    await reader.cancel();
  });

  test.describe("bad input gets a JSON error, never a 500", () => {
    const cases: Array<{ name: string; send: () => Promise<Response>; status: number; code: string }> = [
      { name: "wrong content type", send: () => postJson(body("hi"), { "content-type": "text/plain" }), status: 415, code: "unsupported_media_type" },
      { name: "not JSON", send: () => postJson("{ nope"), status: 400, code: "invalid_json" },
      { name: "empty body", send: () => postJson(""), status: 400, code: "invalid_json" },
      { name: "over 1 MB", send: () => postJson(body("x".repeat(1_100_000))), status: 413, code: "payload_too_large" },
      { name: "unknown role", send: () => postJson({ id: "c", messages: [{ id: "m", role: "system", parts: [{ type: "text", text: "x" }] }] }), status: 400, code: "invalid_request" },
      { name: "unknown part type", send: () => postJson({ id: "c", messages: [{ id: "m", role: "user", parts: [{ type: "html", html: "<b>" }] }] }), status: 400, code: "invalid_request" },
      { name: "text part too long", send: () => postJson(body("y".repeat(32_001))), status: 400, code: "invalid_request" },
    ];
    for (const { name, send, status, code } of cases) {
      test(name, async () => {
        const response = await send();
        expect(response.status).toBe(status);
        expect(response.headers.get("content-type")).toContain("application/json");
        const error = (await response.json()) as { error: { code: string; message: string } };
        expect(error.error.code).toBe(code);
        expect(error.error.message.length).toBeGreaterThan(10);
      });
    }

    test("the server still answers normally afterwards", async () => {
      const response = await postJson(body("What is 2 + 3?"));
      const reading = await readChatStream(response);
      expect(reading.invalid).toEqual([]);
      expect(reading.chunks.at(-1)?.chunk.type).toBe("finish");
    });
  });
});
