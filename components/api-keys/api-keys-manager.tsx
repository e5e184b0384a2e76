"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { ApiKeyJson, CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { ApiKeyList } from "./api-key-list";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewApiKeySecret } from "./new-api-key-secret";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import { useApiKeys } from "./use-api-keys";

/** The keys page: what keys are for, a new key (its secret shown once), the list with Revoke. */
export function ApiKeysManager({ maxNameLength }: { maxNameLength: number }) {
  const { keys, error, reload, add, remove } = useApiKeys();
  const [created, setCreated] = useState<CreatedApiKeyJson>();
  const [keyToRevoke, setKeyToRevoke] = useState<ApiKeyJson>();
  const listHeadingRef = useRef<HTMLHeadingElement>(null);

  const onCreated = (next: CreatedApiKeyJson) => {
    setCreated(next);
    add(next.key);
  };
  const onRevoked = (key: ApiKeyJson) => {
    // The dialog and the key's button go first, so the focus can land on the list's heading.
    flushSync(() => {
      setKeyToRevoke(undefined);
      remove(key.id);
      if (created?.key.id === key.id) setCreated(undefined);
    });
    listHeadingRef.current?.focus();
  };

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 py-6">
        <section aria-label="About API keys" className="flex flex-col gap-2 text-sm text-muted-foreground">
          <p>
            Programs and scripts use an API key to reach Parley as you, with your chats and your quota. They send it in a header:
            <code className="mx-1 rounded bg-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-foreground">Authorization: Bearer parley_…</code>
          </p>
          <p>Make one key per program, so you can revoke one without the others. A revoked key stops working at once.</p>
        </section>
        <CreateApiKeyForm maxNameLength={maxNameLength} onCreated={onCreated} />
        {created && <NewApiKeySecret key={created.key.id} created={created} onDone={() => setCreated(undefined)} />}
        <section aria-labelledby="api-keys-heading" className="flex flex-col gap-3">
          <h2 id="api-keys-heading" ref={listHeadingRef} tabIndex={-1} className="text-base font-semibold tracking-tight focus:outline-none">
            Your keys
          </h2>
          <ApiKeyList keys={keys} error={error} onRetry={reload} onRevoke={setKeyToRevoke} />
        </section>
      </div>
      {keyToRevoke && <RevokeApiKeyDialog key={keyToRevoke.id} apiKey={keyToRevoke} onClose={() => setKeyToRevoke(undefined)} onRevoked={onRevoked} />}
    </div>
  );
}
