import { z } from "zod";
import { answerFeedbackSchema } from "./answer-feedback";
import { answerUsageSchema } from "./answer-usage";

export const messageMetadataSchema = z.object({
  /** Human label of the model that answered, e.g. "Demo model (offline)". */
  model: z.string().max(200).optional(),
  /** The configured model's id (`MODELS`), which the label may not show. */
  modelId: z.string().max(200).optional(),
  createdAt: z.number().optional(),
  /** How many of the chat's oldest messages were not sent with this answer's question: they did not fit the model's context window. */
  leftOut: z.number().int().min(0).optional(),
  finishReason: z.string().max(50).optional(),
  totalTokens: z.number().optional(),
  /** Tokens (and cost, where the model has a price) that the answer's model calls reported. */
  usage: answerUsageSchema.optional(),
  /** Set when the answer did not finish: Stop was pressed, or the model or the server failed. */
  status: z.enum(["stopped", "failed"]).optional(),
  /**
   * When the model thought and for how long, one entry per reasoning part of the answer in order
   * (`ms` once that part ended): "Thought for 4 s", live and after a reload.
   */
  thinking: z.array(z.object({ startedAt: z.number(), ms: z.number().min(0).optional() })).max(1_000).optional(),
  /** Why a failed answer failed, safe to show. */
  errorText: z.string().max(1_000).optional(),
  /**
   * For a failed answer: whether answering again may help. False when the same request fails the
   * same way (the conversation is too long for the model, the provider's account is out of
   * credit): the UI then offers no Retry or Regenerate. Absent (a crash, older answers): it may.
   */
  retryable: z.boolean().optional(),
  /** The user's thumb up or down on this answer, with their note if they left one. */
  feedback: answerFeedbackSchema.optional(),
});

export type MessageMetadata = z.infer<typeof messageMetadataSchema>;
