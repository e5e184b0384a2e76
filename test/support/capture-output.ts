import { vi } from "vitest";

// Test support: Powertools writes logs and EMF documents to process.stdout / process.stderr
// through its own `Console` (not the global `console`), so tests capture the streams themselves.

type JsonLine = Record<string, unknown>;

export type EmfDocument = JsonLine & {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }>;
  };
};

export type CapturedOutput = {
  /** Every line written to stdout and stderr, in order. */
  lines(): string[];
  /** Every line, parsed (throws on a line that is not JSON). */
  json(): JsonLine[];
  /** The EMF documents. */
  emf(): EmfDocument[];
  /** The log lines (everything that is not an EMF document). */
  logs(): JsonLine[];
  restore(): void;
};

/** Captures (and silences) stdout and stderr until `restore()`. */
export function captureOutput(): CapturedOutput {
  let text = "";
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    const callback = rest.find((argument) => typeof argument === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(write as typeof process.stdout.write),
    vi.spyOn(process.stderr, "write").mockImplementation(write as typeof process.stderr.write),
  ];
  const lines = () => text.split("\n").filter((line) => line.trim() !== "");
  const json = () => lines().map((line) => JSON.parse(line) as JsonLine);
  return {
    lines,
    json,
    emf: () => json().filter((line): line is EmfDocument => "_aws" in line),
    logs: () => json().filter((line) => !("_aws" in line)),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
