import { createConnection, createServer, type Socket } from "node:net";

export type CuttingProxy = {
  /** The proxy's address: open the app here instead of at the server's own. */
  url: string;
  /** Breaks every open connection at once, in both directions: the network cut mid-answer. */
  cutConnections(): void;
  /** While true, every new connection is reset as soon as it opens: the server cannot be reached. */
  refuseConnections(refuse: boolean): void;
  close(): Promise<void>;
};

/**
 * A TCP proxy in front of a server, for cutting the network under a browser: bytes pass through
 * untouched (HTTP, streams, keep-alive) until the test breaks the connections or refuses new ones.
 * The browser then sees exactly what a dropped connection looks like, a reset socket.
 */
export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    // A socket reset by cutConnections errors on its peer: expected here, not a failure of the proxy.
    socket.on("error", () => socket.destroy());
  };

  const server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(target);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    cutConnections() {
      for (const socket of open) socket.resetAndDestroy();
    },
    refuseConnections(refuse) {
      refusing = refuse;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
