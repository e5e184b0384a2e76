import packageJson from "@/package.json";

const startedAt = Date.now();
let served = false;

export type HealthStatus = { ok: true; version: string; coldStart: boolean; uptimeMs: number };

/** Cheap enough for a warmer to call every few minutes: no I/O. */
export function healthStatus(): HealthStatus {
  const coldStart = !served;
  served = true;
  return { ok: true, version: packageJson.version, coldStart, uptimeMs: Date.now() - startedAt };
}
