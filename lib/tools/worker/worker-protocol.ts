// What the main thread and a tool's worker thread say to each other: one call at a time per worker.

export type WorkerCall = { callId: number; input: unknown };

export type WorkerReply =
  | { callId: number; ok: true; output: unknown }
  | { callId: number; ok: false; error: { name: string; message: string } };
