import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stopChildProcess } from "./stop-child-process.ts";

// `@modelcontextprotocol/server-everything`, the MCP project's own reference server, as tests
// start it: over Streamable HTTP on a free port, or as the command of a stdio server entry. The
// MCP benchmark (plain Node) runs this file with its types stripped, so its relative imports name their `.ts`.

// The package has no entry point to import, only its command: run by path, from the checkout's
// root (where Vitest and Playwright run; Playwright's CommonJS has no import.meta).
const SERVER_SCRIPT = resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

export type EverythingHttpServer = {
  /** Its MCP endpoint. */
  url: string;
  port: number;
  /** Ends the process at once (SIGKILL): a server that crashed. */
  kill: () => Promise<void>;
  /** A new process on the same port: the server restarted, every session forgotten. */
  restart: () => Promise<void>;
};

/** Starts the server over Streamable HTTP, on `port` or a free one; resolves once it listens. */
export async function startEverythingHttp(port?: number): Promise<EverythingHttpServer> {
  const chosenPort = port ?? (await freePort());
  let running = await spawnHttp(chosenPort);
  const kill = async () => {
    await stopChildProcess(running.child, running.ended, 0, "SIGKILL");
  };
  return {
    url: `http://127.0.0.1:${chosenPort}/mcp`,
    port: chosenPort,
    kill,
    restart: async () => {
      await kill();
      running = await spawnHttp(chosenPort);
    },
  };
}

async function spawnHttp(port: number): Promise<{ child: ChildProcess; ended: Promise<unknown> }> {
  const child: ChildProcess = spawn(process.execPath, [SERVER_SCRIPT, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ended = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on port")) resolve();
    });
    child.once("exit", (code: number | null) => reject(new Error(`server-everything exited (${code}) before listening: ${output}`)));
  });
  return { child, ended };
}

export type EverythingStdioCommand = {
  /** What a stdio entry of MCP_SERVERS runs. */
  command: string;
  args: string[];
  /** The process id of the server started last (each connection starts one). */
  pid: () => number;
  /** Ends the server started last at once (SIGKILL). */
  kill: () => void;
  cleanUp: () => void;
};

/** A stdio server entry's command that starts server-everything and writes down its process id. */
export function everythingStdioCommand(): EverythingStdioCommand {
  const folder = mkdtempSync(join(tmpdir(), "parley-mcp-"));
  const pidFile = join(folder, "pid");
  const launcher = [
    `import { writeFileSync } from "node:fs";`,
    `writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));`,
    `await import(${JSON.stringify(SERVER_SCRIPT)});`,
  ].join("\n");
  const pid = () => Number(readFileSync(pidFile, "utf8"));
  return {
    command: process.execPath,
    args: ["--input-type=module", "--eval", launcher, "stdio"],
    pid,
    kill: () => process.kill(pid(), "SIGKILL"),
    cleanUp: () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
