"use client";

import { useId } from "react";
import type { CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { cx } from "@/components/ui/cx";
import { PlusIcon, SpinnerIcon } from "@/components/ui/icons";
import { useCreateApiKey } from "./use-create-api-key";

type CreateApiKeyFormProps = {
  /** The longest name the server accepts. */
  maxNameLength: number;
  onCreated: (created: CreatedApiKeyJson) => void;
};

/** A name and Create key. What the server refused (an empty name, too many keys) shows under the field and is read out. */
export function CreateApiKeyForm({ maxNameLength, onCreated }: CreateApiKeyFormProps) {
  const { name, edit, error, isCreating, submit } = useCreateApiKey(onCreated);
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  return (
    <form data-testid="create-api-key-form" onSubmit={(event) => void submit(event)} className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        New key’s name
      </label>
      <p id={hintId} className="text-xs text-muted-foreground">
        Where the key will be used, e.g. “Deploy script” or “Phone app”: up to {maxNameLength} characters.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          data-testid="api-key-name-input"
          value={name}
          onChange={(event) => edit(event.target.value)}
          readOnly={isCreating}
          autoComplete="off"
          // No maxLength: it would cut a pasted name silently. The error below says what is too long.
          aria-invalid={error ? true : undefined}
          aria-describedby={cx(hintId, error && errorId) || undefined}
          className={cx(
            "h-10 w-full min-w-0 rounded-lg border bg-background px-3 text-sm focus:ring-2 focus:outline-none sm:flex-1",
            error ? "border-red-600 focus:ring-red-600/30 dark:border-red-400" : "border-input focus:ring-ring/30",
          )}
        />
        <button
          type="submit"
          data-testid="create-api-key"
          disabled={isCreating}
          className="inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-lg bg-primary px-4 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-70"
        >
          {isCreating ? <SpinnerIcon className="size-4" /> : <PlusIcon className="size-4" />}
          Create key
        </button>
      </div>
      {/* Always there, so screen readers hear each new error (a live region must exist before it changes). */}
      <p id={errorId} aria-live="polite" data-testid="create-api-key-error" className="text-sm text-red-700 empty:hidden dark:text-red-300">
        {error}
      </p>
    </form>
  );
}
