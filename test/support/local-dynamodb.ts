import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

/**
 * An in-memory DynamoDB-compatible server (dynalite) on a local port (a free one by default), for
 * tests and benchmarks — never imported by the app itself (dynalite is a dev dependency).
 */
export async function startLocalDynamoDB({ port: requestedPort = 0 } = {}): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
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
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
