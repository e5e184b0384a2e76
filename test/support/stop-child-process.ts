import type { ChildProcess } from "node:child_process";

/**
 * SIGTERM, then SIGKILL if the process is still there after `graceMs`. Resolves when `ended` (its
 * end, awaited from when it was spawned) does.
 */
export async function stopChildProcess(child: ChildProcess, ended: Promise<unknown>, graceMs: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await ended;
  clearTimeout(timer);
}
