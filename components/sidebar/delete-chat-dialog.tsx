"use client";

import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteChat } from "./use-delete-chat";

type DeleteChatDialogProps = {
  chat: ChatSummaryJson;
  onClose: () => void;
  onDeleted: (chat: ChatSummaryJson) => void;
};

/** Asks before a chat is deleted (see ConfirmDialog: Cancel has the focus first). */
export function DeleteChatDialog({ chat, onClose, onDeleted }: DeleteChatDialogProps) {
  const { isDeleting, error, confirm } = useDeleteChat(chat, onDeleted);
  return (
    <ConfirmDialog
      title="Delete chat?"
      description={
        <>
          <span className="font-medium text-foreground">“{chat.title}”</span> and all its messages will be deleted. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      isBusy={isDeleting}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testIds={{ dialog: "delete-chat-dialog", cancel: "cancel-delete", confirm: "confirm-delete" }}
    />
  );
}
