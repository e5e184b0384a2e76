// What a burst of N requests costs a server that does nothing, so the chat route's figures at 200
// streams can be read against it: `GET /api/health` of the production server (Next's routing and
// a route that answers at once, no I/O) against a bare node:http server (in its own process), each
// hit by N requests in the same millisecond, one new connection each, a few rounds.
//
//   node_modules/.bin/node bench/server/burst-floor.mjs [--requests 200] [--rounds 5]
//
// Needs a production build (`npm run build`). Prints first-byte percentiles per round.
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { startNextServer } from "../../test/support/next-server.ts";
import { requireProductionBuild } from "../lib/checkout.mjs";
import { percentile } from "../lib/stats.mjs";

const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "200" }, rounds: { type: "string", default: "5" }, "bare-server": { type: "boolean", default: false } },
});
const requests = Number(args.requests);
const rounds = Number(args.rounds);
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** First-byte times (ms) of `count` GETs started together. */
async function burst(url, count) {
  const firstBytes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const startAt = performance.now();
          request(url, { agent }, (response) => {
            const firstByte = performance.now() - startAt;
            if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
            response.resume();
            response.on("end", () => resolve(firstByte));
          })
            .on("error", reject)
            .end();
        }),
    ),
  );
  return firstBytes.sort((a, b) => a - b);
}

async function startBareServer() {
  const child = fork(new URL(import.meta.url), ["--bare-server"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the bare server exited (${code}) before it listened`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

if (args["bare-server"]) {
  const { createServer } = await import("node:http");
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  server.listen(0, "127.0.0.1", () => process.send(server.address().port));
} else {
  requireProductionBuild();
  const [next, bare] = await Promise.all([startNextServer(), startBareServer()]);
  try {
    const format = (values) => `p50 ${percentile(values, 50).toFixed(1)} / p99 ${percentile(values, 99).toFixed(1)} ms`;
    console.log(`${requests} requests at once, one new connection each; first byte:`);
    for (let round = 1; round <= rounds; round += 1) {
      const bareTimes = await burst(bare.url, requests);
      const nextTimes = await burst(`${next.url}/api/health`, requests);
      console.log(`round ${round}: bare node:http ${format(bareTimes)}; Next GET /api/health ${format(nextTimes)}; added p99 ${(percentile(nextTimes, 99) - percentile(bareTimes, 99)).toFixed(1)} ms`);
    }
  } finally {
    bare.stop();
    await next.stop();
  }
}
