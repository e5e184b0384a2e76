import { Server as HttpServer } from "node:http";
import { createServer, type Server as NetServer } from "node:net";

/**
 * A self-hosted server listens on several sockets of its one port (SO_REUSEPORT), all feeding the
 * same HTTP server, so that new users are let in while open streams keep the thread busy.
 *
 * Since libuv 1.45 (Node 20 and later) a listening socket accepts one connection per turn of the
 * event loop (libuv/libuv#3696; nodejs/performance#95). While many open streams keep the server's
 * one thread busy the turns are long, so connections arriving faster than one a turn queued in the
 * kernel and new chats waited seconds for their first byte (bench/README.md, "Tried: kept and
 * rejected"). The kernel spreads new connections over the sockets' queues, and each turn accepts
 * one from each: 32 let a burst of 200 in within a few turns, and a socket costs only a file
 * descriptor.
 *
 * Linux only (elsewhere SO_REUSEPORT does not balance, or does not exist): other platforms listen
 * as usual. A port that is already in use still fails with EADDRINUSE, also when the other server
 * listens with SO_REUSEPORT too (a second `npm start` on the same port does not share it silently).
 */
const LISTENING_SOCKETS = 32;

const plainListen = HttpServer.prototype.listen;

type SocketsOptions = {
  sockets?: number;
  platform?: NodeJS.Platform;
  /** Another process of the same server (`npm start`'s cluster) already listens on the port. */
  portCheckedBySibling?: boolean;
  /** Called once all the sockets listen. */
  onListening?: () => void;
};

/** Makes `server.listen(port, host?)`, the call `next start` makes, open several sockets. */
export function installSeveralListeningSockets({ sockets = LISTENING_SOCKETS, platform = process.platform, portCheckedBySibling = false, onListening }: SocketsOptions = {}): void {
  if (platform !== "linux" || sockets < 2) return;
  function listen(this: HttpServer, ...args: unknown[]): HttpServer {
    const [port, host] = args;
    const isPortAndHost = args.length <= 2 && typeof port === "number" && (host === undefined || typeof host === "string");
    if (!isPortAndHost) return plainListen.apply(this, args as Parameters<typeof plainListen>);
    listenOnSeveralSockets(this, { port, host, sockets, portCheckedBySibling, onListening });
    return this;
  }
  HttpServer.prototype.listen = listen as HttpServer["listen"];
}

export function listenOnSeveralSockets(
  server: HttpServer,
  { port, host, sockets, portCheckedBySibling = false, onListening }: { port: number; host?: string } & SocketsOptions & { sockets: number },
): void {
  const whenReady = portCheckedBySibling ? (then: (error?: Error) => void) => then() : (then: (error?: Error) => void) => whenPortIsFree(port, host, then);
  whenReady((error) => {
    if (error) {
      server.emit("error", error);
      return;
    }
    const extras: NetServer[] = [];
    server.once("listening", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return;
      for (let index = 1; index < sockets; index += 1) extras.push(extraSocket(server, address.port, host));
      onListening?.();
    });
    // Closed with the server, not on its "close" event: that waits for the connections the server
    // accepted itself, which do not include the ones handed over from the extra sockets.
    const close = server.close.bind(server);
    server.close = (callback) => {
      for (const extra of extras) extra.close();
      return close(callback);
    };
    plainListen.call(server, { port, host, reusePort: true });
  });
}

/** The same socket options as the HTTP server's own listener (`http.Server` sets them on itself). */
function extraSocket(server: HttpServer, port: number, host: string | undefined): NetServer {
  const options = server as unknown as { allowHalfOpen?: boolean; noDelay?: boolean; keepAlive?: boolean; keepAliveInitialDelay?: number };
  const extra = createServer(
    {
      allowHalfOpen: options.allowHalfOpen ?? true,
      noDelay: options.noDelay ?? true,
      keepAlive: options.keepAlive ?? false,
      keepAliveInitialDelay: options.keepAliveInitialDelay ?? 0,
    },
    (socket) => server.emit("connection", socket),
  );
  // The server's own socket is listening: an extra one that fails only costs the speed-up.
  extra.on("error", (error) => process.emitWarning(`An extra listening socket on port ${port} failed: ${error.message}`));
  extra.listen({ port, host, reusePort: true });
  return extra;
}

/**
 * Binding with SO_REUSEPORT succeeds next to another server that set it too, so a plain bind
 * first keeps "address in use" an error. Port 0 (any free port) needs no check.
 */
function whenPortIsFree(port: number, host: string | undefined, then: (error?: Error) => void): void {
  if (port === 0) {
    then();
    return;
  }
  const probe = createServer();
  probe.once("error", then);
  probe.listen({ port, host, exclusive: true }, () => probe.close(() => then()));
}
