import { z } from "zod";
import type { ChatMessage } from "./chat-message";

/** The longest note a user may leave with a rating, in characters. */
export const MAX_FEEDBACK_NOTE_LENGTH = 2_000;

const ratingSchema = z.enum(["up", "down"], { error: 'The rating is "up" or "down".' });

/** What the user sends: a thumb, and optionally a few words on why. A blank note is no note. */
export const feedbackInputSchema = z
  .object({
    rating: ratingSchema,
    note: z
      .string()
      .transform((note) => note.trim())
      .pipe(z.string().max(MAX_FEEDBACK_NOTE_LENGTH, `A note has at most ${MAX_FEEDBACK_NOTE_LENGTH} characters.`))
      .optional(),
  })
  .transform(({ rating, note }): { rating: z.infer<typeof ratingSchema>; note?: string } => (note ? { rating, note } : { rating }));

export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

/** The user's rating of an answer as stored with it (`metadata.feedback`): `at` is when it was given, epoch ms. */
export const answerFeedbackSchema = z.object({
  rating: ratingSchema,
  note: z.string().max(MAX_FEEDBACK_NOTE_LENGTH).optional(),
  at: z.number(),
});

export type AnswerFeedback = z.infer<typeof answerFeedbackSchema>;

/** The message with this feedback in its metadata in place of any before; without feedback when undefined. */
export function withFeedback(message: ChatMessage, feedback: AnswerFeedback | undefined): ChatMessage {
  const metadata = { ...message.metadata, feedback };
  if (!feedback) delete metadata.feedback;
  return { ...message, metadata };
}
