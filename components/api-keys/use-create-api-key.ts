"use client";

import { useState, type FormEvent } from "react";
import type { CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { errorText } from "@/components/ui/request-error";
import { createApiKey } from "./api-keys-api";

/** The create form's name and request: under way, or failed with the reason (the name stays, to try again). */
export function useCreateApiKey(onCreated: (created: CreatedApiKeyJson) => void) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [isCreating, setIsCreating] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isCreating) return;
    setIsCreating(true);
    setError(undefined);
    try {
      onCreated(await createApiKey(name));
      setName("");
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setIsCreating(false);
    }
  };

  const edit = (value: string) => {
    setName(value);
    setError(undefined);
  };

  return { name, edit, error, isCreating, submit };
}
