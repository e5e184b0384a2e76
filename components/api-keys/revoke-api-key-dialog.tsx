"use client";

import { useState } from "react";
import type { ApiKeyJson } from "@/lib/api-keys/api-key-json";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText } from "@/components/ui/request-error";
import { revokeApiKey } from "./api-keys-api";

type RevokeApiKeyDialogProps = {
  apiKey: ApiKeyJson;
  onClose: () => void;
  onRevoked: (key: ApiKeyJson) => void;
};

/** Asks before a key is revoked; programs using it stop working at once. */
export function RevokeApiKeyDialog({ apiKey, onClose, onRevoked }: RevokeApiKeyDialogProps) {
  const [isRevoking, setIsRevoking] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setIsRevoking(true);
    setError(undefined);
    try {
      await revokeApiKey(apiKey.id);
      onRevoked(apiKey);
    } catch (caught) {
      setError(errorText(caught));
      setIsRevoking(false);
    }
  };

  return (
    <ConfirmDialog
      title="Revoke key?"
      description={
        <>
          Programs using <span className="font-medium text-foreground">“{apiKey.name}”</span> ({apiKey.prefix}…) stop working at once. This cannot be
          undone.
        </>
      }
      confirmLabel="Revoke"
      isBusy={isRevoking}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testIds={{ dialog: "revoke-api-key-dialog", cancel: "cancel-revoke", confirm: "confirm-revoke" }}
    />
  );
}
