import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SELF_HOSTED_PRELOAD, SELF_HOSTED_SERVER_NODE_OPTIONS } from "../../lib/runtime/server-node-options.ts";
import { stopChildProcess } from "./stop-child-process.ts";

// `next start` of a production build, the one way the e2e specs, Playwright's web servers and the
// benchmarks start it: with the Node options of `npm start`, the app's configuration over the
// defaults of a test server, and a SQLite folder of its own. The benchmarks (plain Node) run this
// file with its types stripped, so its relative imports name their `.ts`.

const LOCAL_HOST = "127.0.0.1";

export type NextServerOptions = {
  /** Default: a free one. */
  port?: number;
  /** Default: 127.0.0.1. */
  host?: string;
  /** The app's configuration, over the defaults below (and this process's environment). */
  env?: Record<string, string>;
  /** Flags of the server's own Node process, before Next's CLI (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /** The SQLite store's folder, emptied first. Default: a new temporary one. */
  dataDir?: string;
  /** Keep what `dataDir` holds: a restart that must still serve the chats stored before. */
  keepData?: boolean;
  /**
   * The app's folder: default the current one, as for `npm start` (Playwright and the benchmarks
   * run from this checkout's); or a built copy of the app, served with its own Next.
   */
  cwd?: string;
  /** Another Next app inside `cwd` to serve instead of Parley (bench/server/stack-floor). */
  appDir?: string;
  /**
   * Start it as `npm start` does (scripts/start.sh): a primary and `processes` server processes
   * sharing the port (default: one per core, unless WEB_CONCURRENCY says otherwise). Not with
   * `nodeFlags` or `appDir`.
   */
  npmStart?: { processes?: number };
};

type NextStart = { url: string; nodeOptions: string; file: string; args: string[]; cwd: string; env: Record<string, string> };

/** What to run for a server on `port` storing in `dataDir`; starts nothing. */
function nextStart({ port, host = LOCAL_HOST, env = {}, nodeFlags = [], dataDir, cwd = process.cwd(), appDir, npmStart }: NextServerOptions & { port: number; dataDir: string }): NextStart {
  // An older copy of the app (cwd) without the preload runs as `npm start` ran it then.
  const nodeOptions = existsSync(join(cwd, SELF_HOSTED_PRELOAD)) ? SELF_HOSTED_SERVER_NODE_OPTIONS : "";
  if (npmStart && (nodeFlags.length > 0 || appDir)) throw new Error("npmStart runs Parley as `npm start` does: no nodeFlags or appDir.");
  const processes: Record<string, string> = npmStart?.processes === undefined ? {} : { WEB_CONCURRENCY: String(npmStart.processes) };
  const launch = npmStart
    ? {
        file: "sh",
        args: ["scripts/start.sh", "-p", String(port)],
        // start.sh adds the Node options itself and runs the `next` npm puts on the PATH.
        env: { NODE_OPTIONS: "", HOST: host, PATH: `${join(cwd, "node_modules/.bin")}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, ...processes },
      }
    : {
        file: process.execPath,
        args: [...nodeFlags, join(cwd, "node_modules/next/dist/bin/next"), "start", ...(appDir ? [appDir] : []), "-p", String(port), "-H", host],
        env: { NODE_OPTIONS: nodeOptions },
      };
  return {
    url: `http://${host}:${port}`,
    nodeOptions,
    file: launch.file,
    args: launch.args,
    cwd,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...launch.env,
      // The data folder's store, whatever DynamoDB table this machine's environment may name.
      CHAT_STORE: "sqlite",
      // Tests and benchmarks are one local user sending many messages: no per-user quotas unless
      // `env` sets them (test/e2e/quotas.spec.ts).
      RATE_LIMIT_MESSAGES_PER_MINUTE: "0",
      DAILY_TOKEN_BUDGET: "0",
      ...env,
      PARLEY_DATA_DIR: dataDir,
    },
  };
}

/**
 * The same server as one shell command line and its environment, for Playwright's `webServer`
 * (which must start it before global setup): the data folder is emptied, then `next start` runs.
 */
export function nextServerCommand(options: NextServerOptions & { port: number; dataDir: string }): {
  command: string;
  cwd: string;
  env: Record<string, string>;
  url: string;
} {
  const { url, file, args, cwd, env } = nextStart(options);
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
  const dataDir = quote(options.dataDir);
  const prepare = options.keepData ? `mkdir -p ${dataDir}` : `rm -rf ${dataDir} && mkdir -p ${dataDir}`;
  return { command: `${prepare} && ${[file, ...args].map(quote).join(" ")}`, cwd, env, url };
}

export type NextServer = {
  url: string;
  port: number;
  pid: number;
  /** The NODE_OPTIONS it runs with. */
  nodeOptions: string;
  dataDir: string;
  /** Its stdout and stderr (in `dataDir`). */
  logFile: string;
  /** What it wrote to stderr so far (its warning and error log lines). */
  errorOutput: () => string;
  /** SIGTERM, so Next exits gracefully (and writes --cpu-prof profiles); SIGKILL after 15 s. */
  stop: () => Promise<void>;
  /** SIGKILL at once, as a crash would end it: nothing runs on the way out. Resolves once it has exited. */
  kill: () => Promise<void>;
};

/** Starts `next start`; resolves once `/api/health` answers. */
export async function startNextServer(options: NextServerOptions = {}): Promise<NextServer> {
  const port = await portToListenOn(options.port ?? 0, options.host ?? LOCAL_HOST);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "parley-next-server-"));
  if (options.dataDir !== undefined && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, "server.log");
  const log = openSync(logFile, "a");

  const { url, nodeOptions, file, args, cwd, env } = nextStart({ ...options, port, dataDir });
  const child = spawn(file, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", log, "pipe"] });
  let ended = false;
  // Once it has exited and its stderr has been read to the end (or it could not be started).
  const closed = new Promise<void>((resolve) => {
    const end = () => {
      if (ended) return;
      ended = true;
      closeSync(log);
      resolve();
    };
    child.once("close", end).once("error", end);
  });
  const { pid } = child;
  if (pid === undefined) {
    await closed;
    throw new Error(`Could not run ${file}.`);
  }
  let errorOutput = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    errorOutput += text;
    writeSync(log, text);
  });

  const server: NextServer = {
    url,
    port,
    pid,
    nodeOptions,
    dataDir,
    logFile,
    errorOutput: () => errorOutput,
    stop: () => stopChildProcess(child, closed, 15_000),
    kill: () => stopChildProcess(child, closed, 0, "SIGKILL"),
  };
  for (let attempt = 0; attempt < 300 && !ended; attempt += 1) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reason = ended ? `exited (code ${child.exitCode}, signal ${child.signalCode})` : "did not answer /api/health within 30 s";
  child.kill("SIGKILL");
  await closed;
  throw new Error(`next start at ${url} ${reason}; the end of ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
}

/**
 * `port` once nothing listens on it (or a free one, for 0): a server left from another run would
 * otherwise answer the health check in place of this one.
 */
async function portToListenOn(port: number, host: string): Promise<number> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => probe.once("error", reject).listen({ port, host, exclusive: true }, resolve));
  } catch (error) {
    throw new Error(`Cannot start next start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
