import { z } from "zod";

export const messageMetadataSchema = z.object({
  /** Human label of the model that answered, e.g. "Demo model (offline)". */
  model: z.string().max(200).optional(),
  createdAt: z.number().optional(),
  finishReason: z.string().max(50).optional(),
  totalTokens: z.number().optional(),
});

export type MessageMetadata = z.infer<typeof messageMetadataSchema>;
