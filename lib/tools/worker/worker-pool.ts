import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { WorkerCall, WorkerReply } from "./worker-protocol";

export type WorkerPool<INPUT, OUTPUT> = {
  /** Runs one call in a worker; an abort terminates that worker at once, even mid-computation. */
  run(input: INPUT, signal?: AbortSignal): Promise<OUTPUT>;
  /** Terminates every worker; calls still waiting are refused. */
  close(): Promise<void>;
};

export type WorkerPoolOptions = {
  /** Starts one worker; written as `() => new Worker(new URL("./x-worker.ts", import.meta.url))` so bundlers find the entry. */
  spawn: () => Worker;
  /** At most this many workers at once; further calls wait for one. */
  size?: number;
};

type Job = {
  input: unknown;
  signal: AbortSignal | undefined;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
};

/**
 * A few worker threads for a tool whose work is CPU-bound: the event loop keeps serving every other
 * request while it computes, and a call past its deadline is stopped by terminating its worker
 * (synchronous code cannot be interrupted any other way). One worker starts with the pool, more on
 * demand; they stay for the next call and never keep the process alive.
 */
export function createWorkerPool<INPUT, OUTPUT>({ spawn, size = defaultPoolSize() }: WorkerPoolOptions): WorkerPool<INPUT, OUTPUT> {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const waiting: Job[] = [];
  let nextCallId = 0;
  let closed = false;

  function dispatch(): void {
    while (waiting.length > 0 && (idle.length > 0 || busy.size < size)) {
      const job = waiting.shift();
      if (!job) continue;
      let worker: Worker;
      try {
        worker = idle.pop() ?? startWorker();
      } catch (error) {
        // No thread could be started (out of memory or file descriptors): this call fails, not the server.
        job.reject(error);
        continue;
      }
      start(worker, job);
    }
  }

  function startWorker(): Worker {
    const worker = spawn();
    worker.unref();
    worker.on("message", (reply: WorkerReply) => settle(worker, reply));
    worker.on("error", (error) => retire(worker, error));
    worker.on("exit", (code) => retire(worker, new Error(`The worker thread stopped (exit code ${code}).`)));
    return worker;
  }

  function start(worker: Worker, job: Job): void {
    busy.set(worker, job);
    const call: WorkerCall = { callId: nextCallId++, input: job.input };
    worker.postMessage(call);
  }

  function settle(worker: Worker, reply: WorkerReply): void {
    const job = busy.get(worker);
    if (!job) return;
    busy.delete(worker);
    idle.push(worker);
    if (reply.ok) job.resolve(reply.output);
    else job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    dispatch();
  }

  /** An aborted call: one still waiting never runs; a running one's worker is terminated. */
  function cancel(job: Job): void {
    const index = waiting.indexOf(job);
    if (index !== -1) {
      waiting.splice(index, 1);
      job.reject(job.signal?.reason);
      return;
    }
    for (const [worker, running] of busy) if (running === job) return abort(worker, job);
  }

  function abort(worker: Worker, job: Job): void {
    busy.delete(worker);
    job.reject(job.signal?.reason);
    void worker.terminate();
    dispatch();
    replaceInBackground();
  }

  /** A worker that failed or exited leaves the pool; its call, if any, fails with it. */
  function retire(worker: Worker, error: unknown): void {
    const job = busy.get(worker);
    busy.delete(worker);
    const index = idle.indexOf(worker);
    if (index !== -1) idle.splice(index, 1);
    job?.reject(error);
    dispatch();
  }

  /** A terminated worker is replaced at once, so the next call does not wait for a thread to start. */
  function replaceInBackground(): void {
    if (closed || idle.length + busy.size >= size) return;
    try {
      idle.push(startWorker());
    } catch {
      // The next call tries again, and fails alone if it cannot.
    }
  }

  // One worker starts now, with the tools: its first call does not wait for a thread and its module
  // to load, which on a busy machine could take much of the call's deadline.
  replaceInBackground();

  return {
    run(input, signal) {
      if (closed) return Promise.reject(new Error("The worker pool is closed."));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<OUTPUT>((resolve, reject) => {
        // One listener for the call's whole life, removed once it settles however it settles.
        const onAbort = () => cancel(job);
        const stopListening = () => signal?.removeEventListener("abort", onAbort);
        const job: Job = {
          input,
          signal,
          resolve: (output) => {
            stopListening();
            resolve(output as OUTPUT);
          },
          reject: (error) => {
            stopListening();
            reject(error);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiting.push(job);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error("The worker pool is closed."));
      const workers = [...idle.splice(0), ...busy.keys()];
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Never a single worker, so one long call does not hold up every other; a few more on larger machines. */
function defaultPoolSize(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}
