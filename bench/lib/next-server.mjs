// Starts the production server (`next start`) of this checkout for a benchmark: plain Node (the
// one running this script, so `node_modules/.bin/node` = the project's Node 24), optional Node
// flags (e.g. --cpu-prof), a fresh SQLite data folder, stdout/stderr to a log file.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SELF_HOSTED_PRELOAD, SELF_HOSTED_SERVER_NODE_OPTIONS } from "../../lib/runtime/server-node-options.ts";

export const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Fails with a clear message unless `npm run build` has produced a production build. */
export function requireProductionBuild() {
  const buildId = join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) {
    console.error("No production build: .next/BUILD_ID is missing. Run `npm run build` first.");
    process.exit(2);
  }
  return readFileSync(buildId, "utf8").trim();
}

/** `next build` of another Next app inside this checkout (bench/server/stack-floor); a few seconds. */
export function buildApp(appDir) {
  try {
    execFileSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build", appDir], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(`next build ${appDir} failed:\n${String(error.stdout ?? "")}${String(error.stderr ?? "")}`.slice(-3000));
  }
}

/** The checkout's commit (the build may include uncommitted changes of the working tree). */
export function gitCommit() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim() !== "";
    return `${commit}${dirty ? " + uncommitted changes" : ""}`;
  } catch {
    return "unknown";
  }
}

export async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `next start` on a free port. Resolves once `/api/health` answers, with `{ url, pid, nodeOptions,
 * dataDir, logFile, stop() }`; `stop()` sends SIGTERM (Next exits gracefully, so --cpu-prof profiles are written).
 * `cwd`: another built copy of the app to serve (default: this checkout). `appDir`: another Next app
 * inside this checkout to serve instead, with this checkout's Next and the same Node options
 * (bench/server/stack-floor).
 */
export async function startNextServer({ env = {}, nodeFlags = [], label = "server", cwd = root, appDir } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `parley-bench-${label}-`));
  const logFile = join(dataDir, "server.log");
  const log = createWriteStream(logFile);
  await once(log, "open");
  // As `npm start`; an older snapshot of the app (`cwd`) without the preload runs as it did then.
  const nodeOptions = existsSync(join(cwd, SELF_HOSTED_PRELOAD)) ? SELF_HOSTED_SERVER_NODE_OPTIONS : "";
  const child = spawn(process.execPath, [...nodeFlags, join(cwd, "node_modules/next/dist/bin/next"), "start", ...(appDir ? [appDir] : []), "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PARLEY_DATA_DIR: dataDir,
      CHAT_STORE: "sqlite",
      NODE_OPTIONS: nodeOptions,
      // Every benchmark is one local user (no login) sending many messages: per-user quotas would
      // answer 429.
      RATE_LIMIT_MESSAGES_PER_MINUTE: "0",
      DAILY_TOKEN_BUDGET: "0",
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  const exited = once(child, "exit");
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return {
          url,
          pid: child.pid,
          nodeOptions,
          dataDir,
          logFile,
          async stop() {
            if (child.exitCode === null) child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
            await exited;
            clearTimeout(timer);
            log.end();
          },
        };
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The server did not start; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
}
