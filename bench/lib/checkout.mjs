// The checkout a benchmark measures: its folder, its production build, its commit. The server
// itself is started by test/support/next-server.ts, as the e2e specs start theirs.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { machine } from "./stats.mjs";

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

/**
 * What a benchmark's report starts with: the command as run (`script` from the checkout's root),
 * the build and commit it measures, the machine, and when it started. Fails unless there is a build.
 */
export function benchmarkRun(script) {
  const buildId = requireProductionBuild();
  const extra = process.argv.slice(2).join(" ");
  const host = machine();
  return {
    command: `node_modules/.bin/node ${script}${extra ? ` ${extra}` : ""}`,
    startedAt: new Date(),
    machineLine: `${host.cpus}, ${host.memory}, Node ${host.node} (load average at start ${host.load}); build ${buildId} (checkout ${gitCommit()})`,
  };
}
