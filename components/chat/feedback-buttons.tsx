"use client";

import { useRef, useState } from "react";
import type { AnswerFeedback, FeedbackInput } from "@/lib/message/answer-feedback";
import { IconButton } from "@/components/ui/icon-button";
import { ThumbDownIcon, ThumbUpIcon } from "@/components/ui/icons";
import { errorText } from "@/components/ui/request-error";
import { FeedbackNoteForm } from "./feedback-note-form";

type Rating = AnswerFeedback["rating"];

const thumbs = {
  up: { label: "Good answer", Icon: ThumbUpIcon },
  down: { label: "Bad answer", Icon: ThumbDownIcon },
} as const satisfies Record<Rating, unknown>;

export type RateAnswer = (feedback: FeedbackInput | undefined) => Promise<void>;

type FeedbackButtonsProps = {
  /** The rating stored with the answer. */
  feedback: AnswerFeedback | undefined;
  /** Saves a rating, or takes it back (undefined); rejects with a sentence to show. */
  onRate: RateAnswer;
};

/**
 * Thumbs up and down on an answer; pressing the pressed one takes it back. A thumb down also asks
 * what was wrong, which the user may answer or not: the rating is saved at once either way.
 */
export function FeedbackButtons({ feedback, onRate }: FeedbackButtonsProps) {
  // While a rating is saved it shows as given; then the stored answer says what it is.
  const [saving, setSaving] = useState<{ rating: Rating | undefined }>();
  const [isNoteOpen, setIsNoteOpen] = useState(false);
  const [status, setStatus] = useState<{ text: string; isError: boolean }>();
  const downButton = useRef<HTMLButtonElement>(null);
  const rating = saving ? saving.rating : feedback?.rating;

  const save = async (input: FeedbackInput | undefined): Promise<boolean> => {
    setSaving({ rating: input?.rating });
    setStatus(undefined);
    try {
      await onRate(input);
      return true;
    } catch (error) {
      setStatus({ text: `Your feedback was not saved: ${errorText(error)}`, isError: true });
      return false;
    } finally {
      setSaving(undefined);
    }
  };

  const press = (pressed: Rating) => {
    if (saving) return;
    const takesBack = rating === pressed;
    setIsNoteOpen(!takesBack && pressed === "down");
    void save(takesBack ? undefined : { rating: pressed });
  };

  const closeNote = () => {
    setIsNoteOpen(false);
    downButton.current?.focus();
  };

  const sendNote = async (note: string) => {
    if (!(await save({ rating: "down", note }))) return;
    closeNote();
    setStatus({ text: "Thanks for telling us.", isError: false });
  };

  return (
    <>
      {(["up", "down"] as const).map((thumb) => {
        const { label, Icon } = thumbs[thumb];
        return (
          <IconButton
            key={thumb}
            ref={thumb === "down" ? downButton : undefined}
            data-testid={`feedback-${thumb}`}
            aria-label={label}
            title={label}
            aria-pressed={rating === thumb}
            onClick={() => press(thumb)}
            variant="muted"
            className="size-8 aria-pressed:text-foreground"
            icon={<Icon className="size-4" fill={rating === thumb ? "currentColor" : "none"} />}
          />
        );
      })}
      <span role="status" data-testid="feedback-status" className={status?.isError ? "text-xs text-red-700 dark:text-red-300" : "text-xs text-muted-foreground"}>
        {status?.text}
      </span>
      {isNoteOpen && <FeedbackNoteForm onSend={(note) => void sendNote(note)} onCancel={closeNote} isSaving={saving !== undefined} />}
    </>
  );
}
