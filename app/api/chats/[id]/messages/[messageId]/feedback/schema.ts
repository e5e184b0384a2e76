import { z } from "zod";
import { answerFeedbackSchema } from "@/lib/message/answer-feedback";

/** `PUT …/feedback` answers the rating as stored with the answer (its `metadata.feedback`). */
export const feedbackResponseSchema = z.strictObject({ feedback: answerFeedbackSchema });
