// Small statistics and formatting helpers shared by the benchmarks.
import { cpus, loadavg, totalmem } from "node:os";

/** Nearest-rank percentile (p in 0..100) of the finite values; NaN when there are none. */
export function percentile(values, p) {
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort();
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) => percentile(values, 50);

export const ms = (value, digits = 1) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "–");
export const signedMs = (value, digits = 1) => (Number.isFinite(value) ? `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(digits)} ms` : "–");
export const mib = (bytes, digits = 1) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(digits)} MiB` : "–");
export const kib = (bytes, digits = 0) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 10).toFixed(digits)} KiB` : "–");

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const epochMs = () => performance.timeOrigin + performance.now();

export function machine() {
  const list = cpus();
  return {
    cpus: `${list.length} × ${list[0]?.model?.trim() ?? "cpu"}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(" "),
  };
}
