import { describe, expect, it } from "vitest";
import { MAX_FEEDBACK_NOTE_LENGTH, feedbackInputSchema } from "./answer-feedback";

describe("feedbackInputSchema", () => {
  it("takes a thumb alone, or with a note it trims", () => {
    expect(feedbackInputSchema.parse({ rating: "up" })).toEqual({ rating: "up" });
    expect(feedbackInputSchema.parse({ rating: "down", note: "  Wrong city.\n" })).toEqual({ rating: "down", note: "Wrong city." });
  });

  it("drops a blank note", () => {
    expect(feedbackInputSchema.parse({ rating: "down", note: " \n\t" })).toEqual({ rating: "down" });
  });

  it("takes a note of the longest length, and refuses a longer one saying how long it may be", () => {
    const longest = "x".repeat(MAX_FEEDBACK_NOTE_LENGTH);
    expect(feedbackInputSchema.parse({ rating: "down", note: longest }).note).toBe(longest);
    const result = feedbackInputSchema.safeParse({ rating: "down", note: `${longest}x` });
    expect(result.error?.issues[0]?.message).toBe(`A note has at most ${MAX_FEEDBACK_NOTE_LENGTH} characters.`);
  });

  it("refuses another rating, a missing one, and a note that is not text", () => {
    expect(feedbackInputSchema.safeParse({ rating: "meh" }).error?.issues[0]?.message).toBe('The rating is "up" or "down".');
    expect(feedbackInputSchema.safeParse({}).success).toBe(false);
    expect(feedbackInputSchema.safeParse({ rating: "up", note: 5 }).success).toBe(false);
    expect(feedbackInputSchema.safeParse(null).success).toBe(false);
  });
});
