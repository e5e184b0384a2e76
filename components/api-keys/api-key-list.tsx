"use client";

import type { ApiKeyJson } from "@/lib/api-keys/api-key-json";
import { IconButton } from "@/components/ui/icon-button";
import { RetryIcon, SpinnerIcon, TrashIcon } from "@/components/ui/icons";

type ApiKeyListProps = {
  keys: ApiKeyJson[] | undefined;
  /** Why the keys could not be loaded, with Try again. */
  error: string | undefined;
  onRetry: () => void;
  onRevoke: (key: ApiKeyJson) => void;
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The user's keys, newest first: name, prefix, when made and last used, and Revoke. */
export function ApiKeyList({ keys, error, onRetry, onRevoke }: ApiKeyListProps) {
  if (error) {
    return (
      <div role="alert" data-testid="api-keys-error" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100">
        <p>{error}</p>
        <IconButton onClick={onRetry} variant="alertOutline" className="mt-2" icon={<RetryIcon className="size-3.5" />}>
          Try again
        </IconButton>
      </div>
    );
  }
  if (!keys) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
        <SpinnerIcon className="size-4" />
        Loading your keys…
      </p>
    );
  }
  if (keys.length === 0) return <p data-testid="no-api-keys" className="text-sm text-muted-foreground">No keys yet. Keys you create show here.</p>;
  return (
    <ul data-testid="api-key-list" className="divide-y divide-border rounded-xl border border-border">
      {keys.map((key) => (
        <li key={key.id} data-testid="api-key" data-key-id={key.id} className="flex items-start gap-3 px-4 py-3">
          <div className="min-w-0 flex-1">
            <p data-testid="api-key-name" className="font-medium break-words">
              {key.name}
            </p>
            <p className="mt-0.5 font-mono text-sm text-muted-foreground">
              <span className="sr-only">Starts with </span>
              <span data-testid="api-key-prefix">{key.prefix}</span>…
            </p>
            <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-muted-foreground">
              <span>
                Created <KeyDate iso={key.createdAt} />
              </span>
              <span data-testid="api-key-last-used">Last used {key.lastUsedAt ? <KeyDate iso={key.lastUsedAt} /> : "Never"}</span>
            </p>
          </div>
          <IconButton
            data-testid="revoke-api-key"
            aria-label={`Revoke “${key.name}”`}
            onClick={() => onRevoke(key)}
            variant="subtle"
            className="h-8 shrink-0"
            icon={<TrashIcon className="size-4" />}
          >
            Revoke
          </IconButton>
        </li>
      ))}
    </ul>
  );
}

function KeyDate({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateFormat.format(new Date(iso))}</time>;
}
