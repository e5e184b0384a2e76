import cluster, { type Worker } from "node:cluster";

/**
 * `npm start` on every core: this process (the primary) serves nothing itself; it runs `workers`
 * copies of the server (`file` with `args`, i.e. `next start`), which share the port and the
 * SQLite store, so any of them can serve any request (a resumed answer, a Stop; issue 15).
 *
 * - The first worker starts alone and the others once it listens: it checks the port is free
 *   (several-listening-sockets.mts), and a server that cannot start (port in use, no build) ends
 *   `npm start` with its exit code instead of being restarted for ever.
 * - A worker that ends later is replaced, after a delay that doubles while replacements keep
 *   ending soon after they start.
 * - SIGTERM and SIGINT are passed on to the workers; the primary exits once they all have, with the
 *   first failing exit code among them, else 0.
 */
export type ServerClusterOptions = {
  file: string;
  args: readonly string[];
  workers: number;
  log?: (line: string) => void;
};

/** What a worker's preload sends the primary once its server listens (its own sockets; see below). */
export const WORKER_LISTENING = "parley:worker-listening";

/** A worker that served this long before ending counts as a first failure again. */
const HEALTHY_RUN_MS = 30_000;
const FIRST_RESTART_DELAY_MS = 500;
const LONGEST_RESTART_DELAY_MS = 30_000;

/** The wait before the replacement of a worker that is the `failures`-th to end in a row. */
export function restartDelayMs(failures: number): number {
  return Math.min(LONGEST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** Math.max(0, failures - 1));
}

export function runServerCluster({ file, args, workers, log = (line) => console.error(line) }: ServerClusterOptions): void {
  cluster.setupPrimary({ exec: file, args: [...args] });
  const startedAt = new Map<Worker, number>();
  const restarts = new Set<NodeJS.Timeout>();
  let listening = false;
  let failuresInARow = 0;
  let stopping = false;
  let exitCode = 0;

  const fork = () => startedAt.set(cluster.fork(), Date.now());
  // `startedAt` holds the workers that have not ended: `cluster.workers` may still list one in its "exit" event.
  const exitWhenDone = () => {
    if (startedAt.size === 0 && restarts.size === 0) process.exit(exitCode);
  };

  // With its own listening sockets (Linux, the preload) a worker says so by message; otherwise
  // it listens through the primary, and cluster reports that.
  const onListening = () => {
    if (listening) return;
    listening = true;
    for (let index = 1; index < workers; index += 1) fork();
  };
  cluster.on("message", (_worker, message) => {
    if (message === WORKER_LISTENING) onListening();
  });
  cluster.on("listening", onListening);

  cluster.on("exit", (worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    const failed = signal === null && code !== 0;
    if (stopping || !listening) {
      if (failed && exitCode === 0) exitCode = code;
      if (!listening && !stopping) {
        // The server could not start: say so once, with its code, rather than retry for ever.
        stopping = true;
        for (const other of startedAt.keys()) other.process.kill("SIGTERM");
      }
      exitWhenDone();
      return;
    }
    failuresInARow = ranMs >= HEALTHY_RUN_MS ? 1 : failuresInARow + 1;
    const delay = restartDelayMs(failuresInARow);
    log(`npm start: server process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); a new one starts in ${delay} ms`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      fork();
    }, delay);
    restarts.add(timer);
  });

  for (const name of ["SIGTERM", "SIGINT"] as const) {
    process.on(name, () => {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      for (const worker of startedAt.keys()) worker.process.kill(name);
      exitWhenDone();
    });
  }
  fork();
}
