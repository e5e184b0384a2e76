import type { ChildProcess } from "node:child_process";

/**
 * `signal` (SIGTERM by default), then SIGKILL if the process is still there after `graceMs`. Resolves
 * when `ended` (its end, awaited from when it was spawned) does.
 */
export async function stopChildProcess(child: ChildProcess, ended: Promise<unknown>, graceMs: number, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await ended;
  clearTimeout(timer);
}
