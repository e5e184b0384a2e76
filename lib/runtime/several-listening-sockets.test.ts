import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createServer as createHttpServer, Server as HttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listenOnSeveralSockets, installSeveralListeningSockets } from "./several-listening-sockets.mjs";
import { yieldToEventLoop } from "./yield-to-event-loop";

const host = "127.0.0.1";
const servers: { close: () => void }[] = [];
const plainListen = HttpServer.prototype.listen;

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  HttpServer.prototype.listen = plainListen;
});

async function severalSocketServer(port = 0) {
  const server = createHttpServer((_request, response) => response.end("ok"));
  servers.push(server);
  listenOnSeveralSockets(server, { port, host, sockets: 8 });
  await once(server, "listening");
  return { server, port: (server.address() as AddressInfo).port };
}

async function plainServer() {
  const server = createHttpServer((_request, response) => response.end("ok"));
  servers.push(server);
  server.listen(0, host);
  await once(server, "listening");
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Connects `count` sockets while this process's event loop is blocked (a synchronous child
 * process), so they all wait in the kernel's queues; then counts the connections the server
 * accepts in each turn of the loop (between two yields to the event loop: `setImmediate`, which runs once per turn).
 */
async function acceptedPerTurn(server: HttpServer, port: number, count: number): Promise<number[]> {
  let accepted = 0;
  server.on("connection", () => (accepted += 1));
  const connect = `
    const net = require("node:net"); let open = 0; const sockets = [];
    for (let i = 0; i < ${count}; i++) sockets.push(net.connect(${port}, "${host}", () => { if (++open === ${count}) setTimeout(() => process.exit(0), 50); }));`;
  execFileSync(process.execPath, ["-e", connect], { timeout: 10_000 });
  const perTurn: number[] = [];
  let before = accepted;
  while (accepted < count && perTurn.length < count + 10) {
    await yieldToEventLoop();
    perTurn.push(accepted - before);
    before = accepted;
  }
  return perTurn;
}

describe("several listening sockets", () => {
  it("serve the one HTTP server, and close with it", async () => {
    const { server, port } = await severalSocketServer();
    for (let index = 0; index < 20; index += 1) expect(await (await fetch(`http://${host}:${port}/`)).text()).toBe("ok");
    await new Promise((resolve) => server.close(resolve));
    // Every socket was closed: the port can be bound without SO_REUSEPORT.
    const probe = createNetServer();
    servers.push(probe);
    probe.listen({ port, host });
    await once(probe, "listening");
  });

  it("accept several waiting connections per turn of the event loop, where one socket accepts one", async () => {
    const plain = await plainServer();
    const several = await severalSocketServer();
    const plainTurns = await acceptedPerTurn(plain.server, plain.port, 40);
    const severalTurns = await acceptedPerTurn(several.server, several.port, 40);
    expect(plainTurns.reduce((sum, value) => sum + value, 0)).toBe(40);
    expect(Math.max(...plainTurns)).toBe(1);
    expect(severalTurns.reduce((sum, value) => sum + value, 0)).toBe(40);
    expect(Math.max(...severalTurns)).toBeGreaterThan(1);
    expect(severalTurns.length).toBeLessThan(plainTurns.length);
  });

  it("keep a port that is in use an error, also against another server with several sockets", async () => {
    const { port } = await severalSocketServer();
    for (const listen of [
      (server: HttpServer) => listenOnSeveralSockets(server, { port, host, sockets: 8 }),
      (server: HttpServer) => server.listen(port, host),
    ]) {
      const second = createHttpServer();
      servers.push(second);
      const failed = once(second, "error");
      listen(second);
      const [error] = (await failed) as [NodeJS.ErrnoException];
      expect(error.code).toBe("EADDRINUSE");
    }
  });

  it("are what `server.listen(port, host)` opens once installed, on Linux only", async () => {
    installSeveralListeningSockets({ platform: "darwin" });
    expect(HttpServer.prototype.listen).toBe(plainListen);
    installSeveralListeningSockets({ platform: "linux" });
    const server = createHttpServer();
    servers.push(server);
    server.listen(0, host);
    await once(server, "listening");
    const severalTurns = await acceptedPerTurn(server, (server.address() as AddressInfo).port, 40);
    expect(Math.max(...severalTurns)).toBeGreaterThan(1);
  });
});
