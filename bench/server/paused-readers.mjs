// Clients that stop reading: what do they cost the server's memory? Through the production server
// (`next start`), the model is the e2e fake OpenAI server (Chat Completions), answering with text of
// a given size in 10 000 deltas, as fast as it can. For each answer size, a round of clients that
// read their answers to the end (the first also brings the server's heap to its working size), then
// the same number of clients that send their question, read the response's head and stop reading
// (raw sockets, paused: the kernel's buffers fill, then the server's). A round waits until every
// answer is stored, complete (`GET /api/chats/{id}`), with the paused connections still open. The
// server's memory is read before and after each round, after a full garbage collection (through
// the inspector, bench/lib/inspector.mjs): its RSS, and what its JavaScript keeps (heap in use and
// external memory). The guard uses the second: RSS also counts memory already freed that the
// allocator has not given back to the system, which swings by ±100 MiB between identical rounds.
//
//   node_modules/.bin/node bench/server/paused-readers.mjs           3 rounds of each kind per answer size
//   node_modules/.bin/node bench/server/paused-readers.mjs --quick   1 round (reading clients for the first
//                                                                    size only); exits 1 if ten paused
//                                                                    readers leave the server holding
//                                                                    50 MiB more, at either answer size
// Options: --clients N (10), --answer-bytes N,N (1000000,12000000: one answer under the kernel's
//          socket buffers plus the server's limit of unread bytes, one well over them)
//
// Needs a production build (`npm run build`) and Node ≥ 22.18 (runs the e2e fixtures' TypeScript).
import { request } from "node:http";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { startNextServer } from "../../test/support/next-server.ts";
import { gitCommit, requireProductionBuild } from "../lib/checkout.mjs";
import { connectInspector } from "../lib/inspector.mjs";
import { sampleRss, treeRssBytes } from "../lib/proc.mjs";
import { machine, median, mib } from "../lib/stats.mjs";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    clients: { type: "string", default: "10" },
    "answer-bytes": { type: "string", default: "1000000,12000000" },
  },
});
const quick = args.quick;
const clients = Number(args.clients);
const answerSizes = args["answer-bytes"].split(",").map(Number);
const rounds = quick ? 1 : 3;
const DELTAS_PER_ANSWER = 10_000;
const LIMIT_BYTES = 50 * 2 ** 20;
const STORED_WITHIN_MS = 180_000;
const command = `node_modules/.bin/node bench/server/paused-readers.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;

const buildId = requireProductionBuild();
const commit = gitCommit();
const host = machine();
const startedAt = new Date();
const { startFakeOpenAIServer } = await import("../../test/fixtures/fake-openai/server.ts");
const { readChatStream } = await import("../../test/support/read-chat-stream.ts");

/** `bytes` of ASCII text in DELTAS_PER_ANSWER deltas, each numbered and ending in a space. */
function answerDeltas(bytes) {
  const deltaChars = Math.ceil(bytes / DELTAS_PER_ANSWER);
  return Array.from({ length: DELTAS_PER_ANSWER }, (_, index) => {
    const number = `${index} `;
    return `${"x".repeat(Math.max(0, deltaChars - number.length))}${number}`;
  });
}

const openai = await startFakeOpenAIServer();
const server = await startNextServer({
  // The benchmark collects the server's garbage before each reading, through the inspector.
  nodeFlags: ["--inspect=127.0.0.1:0"],
  env: { OPENAI_API_KEY: "bench", OPENAI_BASE_URL: openai.baseURL, OPENAI_API: "chat", OPENAI_MODEL: "bench" },
});
const { hostname, port } = new URL(server.url);
const inspector = await connectInspector(server);

/**
 * One request on a connection of its own: a kept-alive connection that the server closes while the
 * next request is sent on it would fail that request, and the benchmark with it.
 */
function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${server.url}${path}`, { method, agent: false, headers: body === undefined ? {} : { "content-type": "application/json" } }, (incoming) =>
      resolve(new Response(Readable.toWeb(incoming), { status: incoming.statusCode })),
    );
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

/** An answer the fake model gives: its text, and the body of a request that asks for it in a chat. */
function scriptedAnswer(bytes) {
  const deltas = answerDeltas(bytes);
  const scenario = openai.addScenario({ turns: [{ type: "text", text: deltas }] });
  return {
    text: deltas.join(""),
    requestBody: (chatId) =>
      JSON.stringify({
        id: chatId,
        message: { id: `u-${chatId}`, role: "user", parts: [{ type: "text", text: `Write a long answer. ${scenario.marker}` }] },
        trigger: "submit-message",
      }),
  };
}

/** A client that reads its answer to the end; resolves with the size of the event stream it read, in bytes. */
async function readingClient(answer, chatId) {
  const response = await send("POST", "/api/chat", answer.requestBody(chatId));
  if (response.status !== 200 || !response.body) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  let bytes = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  const { invalid } = await readChatStream(new Response(counted));
  if (invalid.length > 0) throw new Error(`invalid chunks in the stream: ${JSON.stringify(invalid.slice(0, 3))}`);
  return bytes;
}

/** A client that sends its question, reads the response's head and stops reading; resolves with its socket, still open. */
function pausedClient(answer, chatId) {
  return new Promise((resolve, reject) => {
    const body = answer.requestBody(chatId);
    const socket = connect({ host: hostname, port: Number(port) });
    let head = "";
    socket.setEncoding("latin1");
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.write(`POST /api/chat HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    const onData = (text) => {
      head += text;
      if (!head.includes("\r\n\r\n")) return;
      socket.pause();
      socket.off("data", onData);
      const status = head.slice(9, 12);
      if (status !== "200") reject(new Error(`POST /api/chat answered ${status}: ${head.slice(0, 500)}`));
      else resolve(socket);
    };
    socket.on("data", onData);
  });
}

/** Resolves once the chat's answer is stored in full; throws if it is stored incomplete or not within STORED_WITHIN_MS. */
async function answerStored(answer, chatId) {
  const deadline = performance.now() + STORED_WITHIN_MS;
  while (performance.now() < deadline) {
    const response = await send("GET", `/api/chats/${chatId}`);
    if (response.status === 200) {
      const stored = (await response.json()).messages[1];
      if (stored) {
        const text = stored.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
        if (text !== answer.text || stored.metadata?.status) {
          throw new Error(`chat ${chatId}: stored answer of ${text.length} characters (status ${stored.metadata?.status ?? "finished"}), expected ${answer.text.length}`);
        }
        return;
      }
    } else await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`chat ${chatId}: answer not stored within ${STORED_WITHIN_MS / 1000} s`);
}

/**
 * What the server holds after a full garbage collection, a second after the last request: its RSS,
 * and what its JavaScript keeps (heap in use plus memory outside the heap, e.g. the bytes of buffers).
 */
async function memoryHeld() {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await inspector.collectGarbage();
  const { heapUsed, external } = await inspector.memoryUsage();
  return { rss: treeRssBytes(server.pid), kept: heapUsed + external };
}

/** One round: `clients` at once, reading or paused; the server's memory before, at its peak, and once every answer is stored. */
async function round(answer, kind, streamBytes) {
  const before = await memoryHeld();
  const sampler = sampleRss(server.pid);
  const started = performance.now();
  const chatIds = Array.from({ length: clients }, () => `${kind}-${crypto.randomUUID()}`);
  const sockets = [];
  if (kind === "reading") streamBytes.push(...(await Promise.all(chatIds.map((chatId) => readingClient(answer, chatId)))));
  else sockets.push(...(await Promise.all(chatIds.map((chatId) => pausedClient(answer, chatId)))));
  await Promise.all(chatIds.map((chatId) => answerStored(answer, chatId)));
  const seconds = (performance.now() - started) / 1000;
  const peak = Math.max(...sampler.stop().map((sample) => sample.bytes));
  const after = await memoryHeld();
  for (const socket of sockets) socket.destroy();
  return { kind, before, peak, after, added: after.rss - before.rss, keptAdded: after.kept - before.kept, seconds };
}

const sizes = [];
try {
  for (const [index, bytes] of answerSizes.entries()) {
    const answer = scriptedAnswer(bytes);
    if (index === 0) await readingClient(answer, `warm-up-${crypto.randomUUID()}`);
    /** The size of each answer's event stream, as the reading clients received it. */
    const streamBytes = [];
    const results = [];
    for (let number = 0; number < rounds; number += 1) {
      // The quick run reads once, to bring the heap to its working size.
      if (!quick || index === 0) results.push(await round(answer, "reading", streamBytes));
      results.push(await round(answer, "paused", streamBytes));
    }
    sizes.push({ answer, streamBytes: median(streamBytes), results });
  }
} finally {
  inspector.close();
  await server.stop();
  await openai.close();
}
const cutOff = (server.errorOutput().match(/client fell behind the answer/g) ?? []).length;

const lines = [
  `# ${clients} clients that stop reading — ${startedAt.toISOString()}`,
  "",
  `- machine: ${host.cpus}, ${host.memory}, Node ${host.node} (load average at start ${host.load}); build ${buildId} (checkout ${commit})`,
  `- command: \`${command}\`; the fake OpenAI server (Chat Completions) answering in ${DELTAS_PER_ANSWER} deltas, no pacing; ${rounds} round(s) of each kind per answer size, after one warm-up answer`,
  "",
  "Server RSS before the round and once every answer is stored (each after a full garbage collection), its peak during the round (no collection forced), and what the server's JavaScript keeps (heap in use + external memory, after the collection):",
  "",
  "| answer | event stream | round | clients | RSS before | peak | once all answers are stored | RSS added | kept by JavaScript: added | answers stored after |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...sizes.flatMap(({ answer, streamBytes, results }) =>
    results.map(
      (result) =>
        `| ${mib(answer.text.length)} | ${mib(streamBytes)} | ${result.kind} | ${clients} | ${mib(result.before.rss)} | ${mib(result.peak)} | ${mib(result.after.rss)} | ${mib(result.added)} | ${mib(result.keptAdded)} | ${result.seconds.toFixed(1)} s |`,
    ),
  ),
  "",
  `Every answer stored complete. Paused clients cut off by the server (its log): ${cutOff} of ${answerSizes.length * rounds * clients}.`,
];
console.log(lines.join("\n"));

if (quick) {
  const problems = sizes.flatMap(({ answer, results }) =>
    results
      .filter((result) => result.kind === "paused" && !(result.keptAdded < LIMIT_BYTES))
      .map((result) => `${clients} paused readers of a ${mib(answer.text.length)} answer left the server holding ${mib(result.keptAdded)} more (limit ${mib(LIMIT_BYTES, 0)})`),
  );
  if (problems.length > 0) {
    console.error(`GROSS REGRESSION:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.error(`quick: OK (${clients} paused readers left the server holding less than ${mib(LIMIT_BYTES, 0)} more at each answer size)`);
}
process.exit(0);
