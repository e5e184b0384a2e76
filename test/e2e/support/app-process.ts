import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export type AppProcess = {
  url: string;
  stop: () => Promise<void>;
  /** What the server wrote to stderr so far (its warning and error log lines). */
  errorOutput: () => string;
};

/**
 * Starts another `next start` of the production build, for specs that must stop and restart the
 * server process themselves (the shared servers of playwright.config.ts must stay up).
 */
export async function startAppProcess({ port, env }: { port: number; env: Record<string, string> }): Promise<AppProcess> {
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, "exit");
  let errorOutput = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (errorOutput += text));
  await waitUntilHealthy(url, child);
  return {
    url,
    errorOutput: () => errorOutput,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`The app server exited with code ${child.exitCode}.`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The app server at ${url} did not become healthy within 30 s.`);
}
