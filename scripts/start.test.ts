import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS } from "@/lib/runtime/server-node-options";
import { standInNext, type RunningScript } from "@/test/support/stand-in-next";

// `npm start` runs scripts/start.sh; here with a stand-in `next` that prints what it was started
// with and, when asked to, serves its pid on the port, through the same preload as Next.
const next = standInNext();
afterAll(() => next.remove());
// Also after a failed test: its server processes end with their primary (they exit when it is gone).
const running: RunningScript[] = [];
afterEach(() => {
  for (const script of running.splice(0)) script.child.kill("SIGKILL");
});
const start = (...args: Parameters<typeof next.start>) => {
  const script = next.start(...args);
  running.push(script);
  return script;
};

const host = "127.0.0.1";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, host, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The pid of the server process that answers a new connection. */
function servedBy(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request({ host, port, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (text: string) => (body += text));
      response.on("end", () => resolve(Number(body)));
    });
    sent.on("error", reject).end();
  });
}

/** The pids of the next `count` stand-in servers that start (the first line each prints). */
async function serversStarting(script: RunningScript, count: number, argumentCount: number): Promise<number[]> {
  const pids: number[] = [];
  while (pids.length < count) {
    const lines: string[] = [];
    for (let index = 0; index < 6 + argumentCount; index += 1) {
      const line = await script.lines.next();
      if (line.done === true) throw new Error(`npm start ended: ${script.stderr()}`);
      lines.push(line.value);
    }
    pids.push(Number(lines[0]));
  }
  return pids;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm start", () => {
  it("runs `next start` with the self-hosted Node options ahead of the caller's, PORT and the arguments unchanged", () => {
    const run = next.run("scripts/start.sh", ["-p", "4000"], { NODE_OPTIONS: "--trace-warnings", PORT: "4100" });

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Next is a server process of the process that was started (so that one gets the signals).
    expect(run.lines).toEqual([
      expect.stringMatching(/^\d+$/),
      String(run.pid),
      `${SELF_HOSTED_SERVER_NODE_OPTIONS} --trace-warnings`,
      "1",
      "4100",
      "127.0.0.1",
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      "4000",
      "",
    ]);
  });

  it("listens on this machine only, unless HOST names a wider interface; an -H of the caller's comes last and wins", () => {
    expect(next.run("scripts/start.sh", []).lines.slice(5, -1)).toEqual(["127.0.0.1", "start", "-H", "127.0.0.1"]);
    expect(next.run("scripts/start.sh", [], { HOST: "0.0.0.0" }).lines.slice(5, -1)).toEqual(["0.0.0.0", "start", "-H", "0.0.0.0"]);
    expect(next.run("scripts/start.sh", [], { HOST: "::1" }).lines.slice(5, -1)).toEqual(["::1", "start", "-H", "::1"]);
    expect(next.run("scripts/start.sh", ["-H", "0.0.0.0"]).lines.slice(6, -1)).toEqual(["start", "-H", "127.0.0.1", "-H", "0.0.0.0"]);
  });

  it("does not start with a HOST that is not a host, or a WEB_CONCURRENCY that is not a count, and says why", () => {
    const run = next.run("scripts/start.sh", [], { HOST: "0.0.0.0; rm -rf /" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("HOST: must be a host name or IP address");

    const processes = next.run("scripts/start.sh", [], { WEB_CONCURRENCY: "all" });
    expect(processes.status).toBe(1);
    expect(processes.stdout).toBe("");
    expect(processes.stderr).toContain("WEB_CONCURRENCY:");
  });

  it("serves from WEB_CONCURRENCY processes on the one port, replaces one that dies, and stops them all on SIGTERM", async () => {
    const port = await freePort();
    const script = start("scripts/start.sh", ["-p", String(port)], { STAND_IN_NEXT_SERVES: "1", WEB_CONCURRENCY: "2" });
    const servers = await serversStarting(script, 2, 5);
    // New connections are spread over both (the kernel hashes each to one of their sockets).
    const answered = new Set<number>();
    for (let attempt = 0; attempt < 200 && answered.size < 2; attempt += 1) answered.add(await servedBy(port));
    expect([...answered].sort()).toEqual([...servers].sort());

    process.kill(servers[0] ?? 0, "SIGKILL");
    const [replacement = 0] = await serversStarting(script, 1, 5);
    expect(servers).not.toContain(replacement);
    const stillServing = new Set<number>();
    for (let attempt = 0; attempt < 200 && !stillServing.has(replacement); attempt += 1) stillServing.add(await servedBy(port));
    expect(stillServing).toContain(replacement);
    expect(script.stderr()).toContain(`server process ${servers[0]} ended (SIGKILL); a new one starts in`);

    script.child.kill("SIGTERM");
    expect(await script.ended).toEqual({ code: 0, signal: null });
    expect([servers[1] ?? 0, replacement].filter(isRunning)).toEqual([]);
  });

  it("ends with the server's own failure when it cannot start (the port is taken), without trying again", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, host, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const script = start("scripts/start.sh", ["-p", String(port)], { STAND_IN_NEXT_SERVES: "1", WEB_CONCURRENCY: "2" });
      const started = await serversStarting(script, 1, 5);
      expect(await script.ended).toEqual({ code: 1, signal: null });
      expect(script.stderr()).toContain("EADDRINUSE");
      expect(started).toHaveLength(1);
      expect(await script.lines.next()).toEqual({ done: true, value: undefined });
    } finally {
      taken.close();
    }
  });
});
