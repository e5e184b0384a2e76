import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

/** Requests a local server answered: per caller (the access key id that signed them), per operation (PutItem, Query…). */
export type DynamoRequestCounts = Record<string, Record<string, number>>;

export type LocalDynamoDB = {
  endpoint: string;
  /** A copy of the counts so far, so a test can tell what one answer cost. */
  requestCounts(): DynamoRequestCounts;
  close(): Promise<void>;
};

/**
 * An in-memory DynamoDB-compatible server (dynalite) on a local port (a free one by default), for
 * tests and benchmarks — never imported by the app itself (dynalite is a dev dependency).
 */
export async function startLocalDynamoDB({ port: requestedPort = 0 } = {}): Promise<LocalDynamoDB> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const counts: DynamoRequestCounts = {};
  // Counted, not recorded: a server that serves a whole e2e run keeps a few numbers, not every request.
  server.on("request", (request: IncomingMessage) => {
    const operation = String(request.headers["x-amz-target"] ?? "").split(".")[1] ?? "unknown";
    const caller = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ""))?.[1] ?? "unsigned";
    const callerCounts = (counts[caller] ??= {});
    callerCounts[operation] = (callerCounts[operation] ?? 0) + 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestCounts: () => structuredClone(counts),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
