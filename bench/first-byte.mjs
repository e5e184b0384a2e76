// Time to first byte and to first text token of POST /api/chat on the production build, with the
// demo model paced slow (first token ≈ 1 s) and fast, to show the first byte does not wait for the
// model. Usage: npm run build && node bench/first-byte.mjs [requests per configuration]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { cpus, totalmem } from "node:os";

const requests = Number(process.argv[2] ?? 50);

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}

async function startServer(env) {
  const port = await freePort();
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", OPENAI_API_KEY: "", ...env },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error("The server did not start.");
}

async function measure(url) {
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "Tell me about yourself." }] }],
    trigger: "submit-message",
  });
  const started = performance.now();
  const response = await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body });
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

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const format = (ms) => `${ms.toFixed(1)} ms`;

console.log(`# first byte of POST /api/chat — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`${requests} sequential requests per configuration, after 5 warm-up requests\n`);
console.log("| demo model pace | first byte p50 | first byte p99 | first text token p50 |");
console.log("|---|---|---|---|");
for (const tokenDelayMs of [250, 28]) {
  const server = await startServer({ DEMO_MODEL_TOKEN_DELAY_MS: String(tokenDelayMs) });
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
    server.stop();
  }
}
