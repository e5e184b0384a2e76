// Time to first byte and to first text token of POST /api/chat on the production build, with the
// demo model paced slow (first token ≈ 1 s) and fast, to show the first byte does not wait for the
// model. Usage: npm run build && node bench/first-byte.mjs [requests per configuration]
import { startNextServer } from "../test/support/next-server.ts";
import { requireProductionBuild } from "./lib/checkout.mjs";
import { machine, percentile } from "./lib/stats.mjs";

const requests = Number(process.argv[2] ?? 50);

async function measure(url) {
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "Tell me about yourself." }] },
    trigger: "submit-message",
  });
  const started = performance.now();
  const response = await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (response.status !== 200) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
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
    if (text.includes('"type":"text-delta"')) {
      firstToken = now - started;
      break;
    }
  }
  // The rest of the answer is not measured here; closing early also shows the server copes.
  await reader.cancel();
  return { firstByte, firstToken };
}

const format = (ms) => `${ms.toFixed(1)} ms`;

console.log(`# first byte of POST /api/chat — ${new Date().toISOString()}`);
requireProductionBuild();
const host = machine();
console.log(`machine: ${host.cpus}, ${host.memory}, Node ${host.node}`);
console.log(`${requests} sequential requests per configuration, after 5 warm-up requests\n`);
console.log("| demo model pace | first byte p50 | first byte p99 | first text token p50 |");
console.log("|---|---|---|---|");
for (const tokenDelayMs of [250, 28]) {
  // The offline demo model.
  const server = await startNextServer({ env: { OPENAI_API_KEY: "", DEMO_MODEL_TOKEN_DELAY_MS: String(tokenDelayMs) } });
  try {
    for (let index = 0; index < 5; index += 1) await measure(server.url);
    const results = [];
    for (let index = 0; index < requests; index += 1) results.push(await measure(server.url));
    const firstBytes = results.map((result) => result.firstByte);
    const firstTokens = results.map((result) => result.firstToken);
    console.log(
      `| ${tokenDelayMs} ms/token (first token ≈ ${(tokenDelayMs * 4) / 1000} s) | ${format(percentile(firstBytes, 50))} | ${format(percentile(firstBytes, 99))} | ${format(percentile(firstTokens, 50))} |`,
    );
  } finally {
    await server.stop();
  }
}
