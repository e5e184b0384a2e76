// Time to first byte and to first text token of POST /api/chat and of POST /v1/chat/completions
// (streamed) on the production build, with the demo model paced slow (first token ≈ 1 s) and fast,
// to show the first byte does not wait for the model on either route.
// Usage: npm run build && node bench/first-byte.mjs [requests per configuration]
import { startNextServer } from "../test/support/next-server.ts";
import { requireProductionBuild } from "./lib/checkout.mjs";
import { machine, percentile } from "./lib/stats.mjs";

const requests = Number(process.argv[2] ?? 50);

const QUESTION = "Tell me about yourself.";

/** The browser's route, and the OpenAI-compatible one with an API key made for the run. */
const routes = {
  "POST /api/chat": {
    request: (url) => [
      `${url}/api/chat`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: crypto.randomUUID(), message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: QUESTION }] }, trigger: "submit-message" }),
      },
    ],
    firstText: /"type":"text-delta"/,
  },
  "POST /v1/chat/completions": {
    request: (url, apiKey) => [
      `${url}/v1/chat/completions`,
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ model: "demo", stream: true, messages: [{ role: "user", content: QUESTION }] }),
      },
    ],
    firstText: /"delta":\{"content":"[^"]/,
  },
};

async function createApiKey(url) {
  const response = await fetch(`${url}/api/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
  if (response.status !== 201) throw new Error(`POST /api/keys answered ${response.status}: ${await response.text()}`);
  return (await response.json()).secret;
}

async function measure(route, url, apiKey) {
  const [address, init] = route.request(url, apiKey);
  const started = performance.now();
  const response = await fetch(address, init);
  if (response.status !== 200) throw new Error(`${address} answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let firstByte;
  let firstToken = Number.NaN;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const now = performance.now();
    firstByte ??= now - started;
    text += decoder.decode(value, { stream: true });
    if (route.firstText.test(text)) {
      firstToken = now - started;
      break;
    }
  }
  // The rest of the answer is not measured here; closing early also shows the server copes.
  await reader.cancel();
  return { firstByte, firstToken };
}

const format = (ms) => `${ms.toFixed(1)} ms`;

console.log(`# first byte of POST /api/chat and POST /v1/chat/completions — ${new Date().toISOString()}`);
requireProductionBuild();
const host = machine();
console.log(`machine: ${host.cpus}, ${host.memory}, Node ${host.node}`);
console.log(`${requests} sequential requests per configuration, after 5 warm-up requests\n`);
console.log("| route | demo model pace | first byte p50 | first byte p99 | first text token p50 |");
console.log("|---|---|---|---|---|");
for (const tokenDelayMs of [250, 28]) {
  // The offline demo model.
  const server = await startNextServer({ env: { OPENAI_API_KEY: "", DEMO_MODEL_TOKEN_DELAY_MS: String(tokenDelayMs) } });
  try {
    const apiKey = await createApiKey(server.url);
    for (const [name, route] of Object.entries(routes)) {
      for (let index = 0; index < 5; index += 1) await measure(route, server.url, apiKey);
      const results = [];
      for (let index = 0; index < requests; index += 1) results.push(await measure(route, server.url, apiKey));
      const firstBytes = results.map((result) => result.firstByte);
      const firstTokens = results.map((result) => result.firstToken);
      console.log(
        `| ${name} | ${tokenDelayMs} ms/token (first token ≈ ${(tokenDelayMs * 4) / 1000} s) | ${format(percentile(firstBytes, 50))} | ${format(percentile(firstBytes, 99))} | ${format(percentile(firstTokens, 50))} |`,
      );
    }
  } finally {
    await server.stop();
  }
}
