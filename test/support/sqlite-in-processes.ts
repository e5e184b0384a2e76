import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// Several plain Node processes using the SQLite stores on one file at once, as the server
// processes of `npm start` do: lib/store/sqlite/open-sqlite-stores.ts bundled for them, with
// better-sqlite3 (native) loaded from this checkout.

const root = fileURLToPath(new URL("../..", import.meta.url));

export type ProcessesRun = { codes: number[]; errors: string[] };

/**
 * Runs `script` (CommonJS, with `openSqliteStores` in scope and `file` the SQLite file) in `count`
 * processes that begin together, bundling into `directory`; resolves when all have exited.
 */
export async function runInProcesses({ directory, file, count, script }: { directory: string; file: string; count: number; script: string }): Promise<ProcessesRun> {
  const bundle = join(directory, "open-sqlite-stores.cjs");
  await build({ entryPoints: [join(root, "lib/store/sqlite/open-sqlite-stores.ts")], bundle: true, platform: "node", format: "cjs", packages: "external", outfile: bundle, logLevel: "silent" });
  const at = Date.now() + 400;
  const source = `
    const { openSqliteStores } = require(${JSON.stringify(bundle)});
    const file = ${JSON.stringify(file)};
    while (Date.now() < ${at}); // all processes start together
    (async () => { ${script} })().catch((error) => { console.error(error); process.exit(1); });`;
  const processes = Array.from({ length: count }, () =>
    spawn(process.execPath, ["-e", source], { env: { ...process.env, NODE_PATH: join(root, "node_modules") }, stdio: ["ignore", "ignore", "pipe"] }),
  );
  const errors = processes.map((child) => {
    let text = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    return () => text;
  });
  const codes = await Promise.all(processes.map(async (child) => (await once(child, "exit"))[0] as number));
  return { codes, errors: errors.map((text) => text()).filter(Boolean) };
}
