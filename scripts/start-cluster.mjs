// `npm start`'s process: runs the server given as arguments (`next start …`, from scripts/start.sh)
// once per core, or WEB_CONCURRENCY times, checked by lib/env.ts; see lib/runtime/server-cluster.mts.
//   node scripts/start-cluster.mjs <server file> [its arguments…]
import { availableParallelism } from "node:os";
import { EnvError, serverProcessCount } from "../lib/env.ts";
import { runServerCluster } from "../lib/runtime/server-cluster.mts";

const [file, ...args] = process.argv.slice(2);
let workers;
try {
  workers = serverProcessCount(process.env, availableParallelism());
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
if (file === undefined) {
  console.error("Usage: node scripts/start-cluster.mjs <server file> [arguments…]");
  process.exit(1);
}
runServerCluster({ file, args, workers });
