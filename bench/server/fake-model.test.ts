import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectChatCompletionsTextStream } from "@/test/support/openai-stream-checks";

// The load benchmarks' paced fake speaks the real Chat Completions wire format: the same checks as
// the e2e fake's (test/fixtures/fake-openai/wire-format.test.ts), and `@ai-sdk/openai` reads it.

let fake: ChildProcess;
let url: string;
beforeAll(async () => {
  fake = spawn(process.execPath, ["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "bench/server/fake-model.mjs", "--first-token-ms", "0", "--interval-ms", "1"], {
    cwd: new URL("../..", import.meta.url),
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (!fake.stdout) throw new Error("The fake model has no stdout.");
  const [line] = (await once(createInterface({ input: fake.stdout }), "line")) as [string];
  url = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
});
afterAll(() => {
  fake.kill("SIGTERM");
});

describe("the benchmarks' fake model", () => {
  it("streams role, one chunk per token, finish_reason, the usage chunk, then [DONE]", async () => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "bench", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "[bench:wire:3] Hi" }] }),
    });

    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expectChatCompletionsTextStream(await response.text(), [" t0", " t1", " t2"]);
  });

  it("is read by @ai-sdk/openai as a text answer with its usage", async () => {
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: "bench" });
    const result = streamText({ model: openai.chat("bench"), prompt: "[bench:sdk:3] Hi" });

    expect(await result.text).toBe(" t0 t1 t2");
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBe(3);
  });
});
