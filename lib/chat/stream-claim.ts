import { generateId } from "ai";
import { ParleyError } from "@/lib/errors";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { StreamStateStore } from "@/lib/store/stream-state-store";

type ClaimTarget = { streams: StreamStateStore; userId: string; chatId: string };

/**
 * One answer per chat: claims the chat for a new stream and returns its id, or refuses with 409
 * while another answer is being written there (in another tab, or a message sent twice).
 */
export async function claimChat({ streams, userId, chatId }: ClaimTarget, now: number): Promise<string> {
  const streamId = generateId();
  if (await streams.beginStream(userId, chatId, streamId, now)) return streamId;
  throw new ParleyError(
    "answer_in_progress",
    "An answer is still being written in this chat. Stop it, or wait until it is done, then send again.",
  );
}

/**
 * Releases the claim however the turn ended. A failure is logged, not thrown: the turn is ending
 * either way, and the chat is free again once the claim's lease runs out.
 */
export async function releaseChat({ streams, userId, chatId }: ClaimTarget, streamId: string, logKeys?: Record<string, unknown>): Promise<void> {
  try {
    await streams.endStream(userId, chatId, streamId);
  } catch (error) {
    logger.error("releasing the chat failed", { ...logKeys, chatId, error: errorForLog(error) });
  }
}
