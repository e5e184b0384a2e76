import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Builds the real Lambda server functions with OpenNext, once per change of their inputs:
// - "streaming": the app's own open-next.config.ts (wrapper aws-lambda-streaming), what SST deploys;
// - "buffered":  test/lambda-bundle/open-next.buffered.config.ts (wrapper aws-lambda), the negative control.
//
// The build runs in a scratch copy of the sources (node_modules hard-linked), never in the
// checkout: `next build` there would replace the `.next` that a concurrent `next start` (e2e,
// bench) is serving. The bundles are kept outside the checkout too, in a folder with no
// node_modules above it, like Lambda's /var/task: a module the bundle forgot to include fails
// to load instead of being found in the project's node_modules.

const BUNDLE_NAMES = ["streaming", "buffered"] as const;
type BundleName = (typeof BUNDLE_NAMES)[number];
export type Bundles = Record<BundleName, string>;

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const BUFFERED_CONFIG = "test/lambda-bundle/open-next.buffered.config.ts";
const SERVER_FUNCTION = ".open-next/server-functions/default";

/** Folders and files that are not inputs of the Next.js build (tests, tooling, docs). */
const NOT_BUILD_INPUTS = [
  /^(?:test|bench|docs|scripts|\.ci)\//,
  /\.md$/,
  /\.test\.tsx?$/,
  /^(?:playwright\.config\.ts|vitest\.config\.mts|eslint\.config\.mjs|sst\.config\.ts|tsconfig\.sst\.json|\.gitignore|\.nvmrc)$/,
];

/** Where the bundles live: PARLEY_LAMBDA_CACHE_DIR, or a folder under the system temp dir. */
function cacheDir(): string {
  const configured = process.env.PARLEY_LAMBDA_CACHE_DIR;
  if (configured) return resolve(configured);
  const checkout = createHash("sha256").update(projectRoot).digest("hex").slice(0, 12);
  return join(tmpdir(), `parley-lambda-bundles-${checkout}`);
}

/** The build inputs: every file git does not ignore, minus those that cannot change the server bundle. */
function buildInputs(): string[] {
  const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: projectRoot, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout
    .split("\0")
    .filter((file) => file !== "" && !NOT_BUILD_INPUTS.some((pattern) => pattern.test(file)))
    .filter((file) => existsSync(join(projectRoot, file))); // deleted but not yet staged
  return [...files, BUFFERED_CONFIG].sort();
}

/** A digest of everything a bundle is made from: the sources, the lockfile, both configs, this builder and Node's major version. */
function inputsDigest(files: string[], baseDir = projectRoot): { digest: string; fileDigests: Record<string, string> } {
  const fileDigests: Record<string, string> = { node: process.versions.node.split(".")[0] ?? "" };
  for (const file of files) fileDigests[file] = createHash("sha256").update(readFileSync(join(baseDir, file))).digest("hex");
  fileDigests["test/lambda-bundle/bundles.ts"] = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex");
  const digest = createHash("sha256").update(JSON.stringify(fileDigests)).digest("hex");
  return { digest, fileDigests };
}

/** The inputs that differ between two builds, for the log. */
function changedInputs(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

type Stamp = { digest: string; builtAt: string; buildMs: number; fileDigests: Record<string, string> };

/**
 * The bundle folders, built if their inputs changed since the last build (or they are missing).
 * Concurrent callers wait for one build.
 */
export async function ensureBundles({ log = (line: string) => console.log(line) } = {}): Promise<Bundles> {
  const root = cacheDir();
  const bundles = Object.fromEntries(BUNDLE_NAMES.map((name) => [name, join(root, name)])) as Bundles;
  assertNoNodeModulesAbove(root);
  mkdirSync(root, { recursive: true });

  const files = buildInputs();
  const { digest, fileDigests: checkoutDigests } = inputsDigest(files);
  const isFresh = () => readStamp(root)?.digest === digest && BUNDLE_NAMES.every((name) => existsSync(join(bundles[name], "index.mjs")));
  if (isFresh()) {
    log(`Lambda bundles are up to date (${digest.slice(0, 12)}) in ${root}`);
    return bundles;
  }

  const release = await acquireLock(join(root, "build.lock"), log);
  try {
    if (isFresh()) return bundles; // another process built them while this one waited
    const started = performance.now();
    const previous = readStamp(root);
    const changed = previous ? changedInputs(previous.fileDigests ?? {}, checkoutDigests) : [];
    const reason = !previous ? "no earlier build" : changed.length > 0 ? `changed: ${changed.slice(0, 8).join(", ")}${changed.length > 8 ? ` and ${changed.length - 8} more` : ""}` : "a bundle is missing";
    log(`Building the Lambda bundles (inputs ${digest.slice(0, 12)}; ${reason}) …`);
    const stage = mkdtempSync(join(tmpdir(), "parley-lambda-build-"));
    let built: ReturnType<typeof inputsDigest>;
    try {
      for (const file of files) {
        mkdirSync(dirname(join(stage, file)), { recursive: true });
        cpSync(join(projectRoot, file), join(stage, file));
      }
      // What is built is the copy: if a file changed after the check above, the stamp says so.
      built = inputsDigest(files, stage);
      linkNodeModules(stage);
      await openNextBuild(stage, [], {}, log);
      rmSync(join(root, "stamp.json"), { force: true });
      replaceDir(join(stage, SERVER_FUNCTION), bundles.streaming);
      // Same sources, same `.next`: only the wrapper differs.
      await openNextBuild(stage, ["--config-path", BUFFERED_CONFIG], { PARLEY_REUSE_NEXT_BUILD: "1" }, log);
      replaceDir(join(stage, SERVER_FUNCTION), bundles.buffered);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
    const buildMs = Math.round(performance.now() - started);
    writeFileSync(join(root, "stamp.json"), JSON.stringify({ digest: built.digest, builtAt: new Date().toISOString(), buildMs, fileDigests: built.fileDigests } satisfies Stamp, null, 2));
    log(`Lambda bundles built in ${(buildMs / 1000).toFixed(1)} s`);
    return bundles;
  } finally {
    release();
  }
}

function readStamp(root: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(join(root, "stamp.json"), "utf8")) as Stamp;
  } catch {
    return undefined;
  }
}

/** Hard links, not a copy (fast, no space) and not a symlink (Turbopack refuses one leading out of the project). */
function linkNodeModules(stage: string) {
  const linked = spawnSync("cp", ["-al", join(projectRoot, "node_modules"), join(stage, "node_modules")], { encoding: "utf8" });
  if (linked.status !== 0) throw new Error(`Could not link node_modules into the build folder: ${linked.stderr}`);
}

function openNextBuild(stage: string, args: string[], env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(stage, "node_modules/@opennextjs/aws/dist/index.js"), "build", ...args], {
    cwd: stage,
    env: {
      ...process.env,
      ...env,
      // `next build` is run by OpenNext through `npm run build`; node_modules/.bin puts Node 24 first.
      PATH: `${join(stage, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // The image-optimizer step runs `npm install sharp`, which retries the network for minutes otherwise.
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const label = args.length > 0 ? `open-next build ${args.join(" ")}` : "open-next build";
      if (code === 0) {
        log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
        resolvePromise();
      } else {
        reject(new Error(`${label} failed (exit code ${code}):\n${output.slice(-6_000)}`));
      }
    });
  });
}

function replaceDir(from: string, to: string) {
  if (!existsSync(join(from, "index.mjs"))) throw new Error(`OpenNext did not produce ${join(from, "index.mjs")}`);
  rmSync(to, { recursive: true, force: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true, verbatimSymlinks: true }); // across file systems
  }
}

/** A bundle must resolve every module from itself; a node_modules above it would hide a missing one. */
function assertNoNodeModulesAbove(dir: string) {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, "node_modules")) && relative(current, dir) !== "") {
      throw new Error(
        `The Lambda bundle folder ${dir} has ${join(current, "node_modules")} above it, which would hide modules missing from the bundle. ` +
          "Set PARLEY_LAMBDA_CACHE_DIR to a folder outside any project.",
      );
    }
    if (dirname(current) === current) return;
  }
}

/** A lock folder (mkdir is atomic); a lock left by a process that died is taken over. */
async function acquireLock(path: string, log: (line: string) => void): Promise<() => void> {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, "pid"), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (!isLockHolderAlive(path)) {
      rmSync(path, { recursive: true, force: true });
      continue;
    }
    if (!announced) log(`Waiting for another build of the Lambda bundles (${path}) …`);
    announced = true;
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
  }
}

function isLockHolderAlive(path: string): boolean {
  try {
    const pid = Number(readFileSync(join(path, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours. No pid file yet: the holder is between mkdir and write (or died there; give it 30 s).
    if ((error as NodeJS.ErrnoException).code === "EPERM") return true;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return existsSync(path) && Date.now() - statSync(path).mtimeMs < 30_000;
    return false;
  }
}

/** Size of a folder's files in bytes (symlinks counted as links, not followed). */
export function folderBytes(dir: string): number {
  const listed = spawnSync("du", ["-sb", dir], { encoding: "utf8" });
  const bytes = Number(listed.stdout.split(/\s/)[0]);
  if (listed.status !== 0 || !Number.isFinite(bytes)) throw new Error(`du failed on ${dir}: ${listed.stderr}`);
  return bytes;
}
