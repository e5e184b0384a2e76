"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiKeyJson } from "@/lib/api-keys/api-key-json";
import { errorText } from "@/components/ui/request-error";
import { fetchApiKeys } from "./api-keys-api";

/**
 * The user's keys (GET /api/keys), read when the page opens and again after each change the page
 * makes, which shows at once. Only the latest read counts: one that was asked for before a change
 * and answers after it does not undo it.
 */
export function useApiKeys() {
  const [keys, setKeys] = useState<ApiKeyJson[]>();
  const [error, setError] = useState<string>();
  const latestRead = useRef(0);

  // State is set when the answer comes, never during the effect that asks.
  const reload = useCallback(() => {
    const read = ++latestRead.current;
    fetchApiKeys().then(
      (loaded) => {
        if (read !== latestRead.current) return;
        setKeys(loaded);
        setError(undefined);
      },
      (caught: unknown) => {
        if (read === latestRead.current) setError(errorText(caught));
      },
    );
  }, []);
  useEffect(reload, [reload]);

  const add = useCallback(
    (key: ApiKeyJson) => {
      setKeys((current) => [key, ...(current ?? []).filter(({ id }) => id !== key.id)]);
      reload();
    },
    [reload],
  );
  const remove = useCallback(
    (keyId: string) => {
      setKeys((current) => current?.filter(({ id }) => id !== keyId));
      reload();
    },
    [reload],
  );

  return { keys, error, reload, add, remove };
}
