import { parentPort } from "node:worker_threads";
import type { WorkerCall, WorkerReply } from "./worker-protocol.ts";

/**
 * The body of a tool's worker thread: answers each call from the pool with `execute`'s result.
 * What it throws goes back as a plain error (name and message), which the pool throws again.
 * Imported by worker entry files, so its own imports name their `.ts` file: Node loads it as is.
 */
export function serveWorkerCalls<INPUT, OUTPUT>(execute: (input: INPUT) => OUTPUT | Promise<OUTPUT>): void {
  const port = parentPort;
  if (!port) throw new Error("serveWorkerCalls runs only in a worker thread.");
  port.on("message", async ({ callId, input }: WorkerCall) => {
    let reply: WorkerReply;
    try {
      reply = { callId, ok: true, output: await execute(input as INPUT) };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      reply = { callId, ok: false, error: { name, message } };
    }
    port.postMessage(reply);
  });
}
