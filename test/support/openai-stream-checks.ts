import { expect } from "vitest";

// The bytes of a streamed OpenAI answer, read with plain fetch, and what a streamed Chat
// Completions text answer must look like: for both fakes (test/fixtures/fake-openai and the
// benchmarks' bench/server/fake-model.mjs).

export type SseEvent = { event: string | undefined; data: string };

export function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length);
      const data = lines.find((line) => line.startsWith("data: "))?.slice("data: ".length) ?? "";
      return { event, data };
    });
}

export type ChatCompletionChunk = {
  object: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: Record<string, unknown> | null;
};

/**
 * A text answer streamed with `stream_options.include_usage`: role, one chunk per delta,
 * finish_reason, the usage chunk, then [DONE].
 */
export function expectChatCompletionsTextStream(body: string, deltas: string[]): void {
  const events = parseSse(body);
  expect(events.every((event) => event.event === undefined)).toBe(true);
  expect(events.at(-1)?.data).toBe("[DONE]");
  const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data) as ChatCompletionChunk);
  expect(new Set(chunks.map((chunk) => chunk.object))).toEqual(new Set(["chat.completion.chunk"]));
  expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([
    { role: "assistant", content: "", refusal: null },
    ...deltas.map((content) => ({ content })),
    {},
    null,
  ]);
  expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([null, ...deltas.map(() => null), "stop", null]);
  expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number), completion_tokens: deltas.length } });
}
