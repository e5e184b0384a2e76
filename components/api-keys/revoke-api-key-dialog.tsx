"use client";

import type { ApiKeyJson } from "@/lib/api-keys/api-key-json";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { revokeApiKey } from "./api-keys-api";

type RevokeApiKeyDialogProps = {
  apiKey: ApiKeyJson;
  onClose: () => void;
  onRevoked: (key: ApiKeyJson) => void;
};

/** Asks before a key is revoked; programs using it stop working at once. */
export function RevokeApiKeyDialog({ apiKey, onClose, onRevoked }: RevokeApiKeyDialogProps) {
  const { isBusy, error, confirm } = useConfirmedAction(async () => {
    await revokeApiKey(apiKey.id);
    onRevoked(apiKey);
  });

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
      isBusy={isBusy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testIds={{ dialog: "revoke-api-key-dialog", cancel: "cancel-revoke", confirm: "confirm-revoke" }}
    />
  );
}
