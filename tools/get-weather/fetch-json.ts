import type { z } from "zod";
import { ToolFailure } from "@/lib/tools/tool-errors";

/**
 * GETs JSON from an external API for a tool. Failures become `ToolFailure`s that name the service
 * but never the URL (it may carry keys); an abort (timeout, Stop) propagates as it is.
 */
export async function fetchJson<SCHEMA extends z.ZodType>(
  url: string,
  { service, schema, signal }: { service: string; schema: SCHEMA; signal: AbortSignal | undefined },
): Promise<z.infer<SCHEMA>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new ToolFailure(`The ${service} could not be reached.`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ToolFailure(`The ${service} answered with HTTP ${response.status}.`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new ToolFailure(`The ${service} sent a response that is not JSON.`, { cause: error });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ToolFailure(`The ${service} sent an unexpected response.`, { cause: parsed.error });
  return parsed.data;
}
