"use client";

import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { deleteChat } from "./chats-api";

type DeleteChatDialogProps = {
  chat: ChatSummaryJson;
  onClose: () => void;
  onDeleted: (chat: ChatSummaryJson) => void;
};

/** Asks before a chat is deleted (see ConfirmDialog: Cancel has the focus first). */
export function DeleteChatDialog({ chat, onClose, onDeleted }: DeleteChatDialogProps) {
  const { isBusy, error, confirm } = useConfirmedAction(async () => {
    await deleteChat(chat.id);
    onDeleted(chat);
  });
  return (
    <ConfirmDialog
      title="Delete chat?"
      description={
        <>
          <span className="font-medium text-foreground">“{chat.title}”</span> and all its messages will be deleted. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      isBusy={isBusy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
      testIds={{ dialog: "delete-chat-dialog", cancel: "cancel-delete", confirm: "confirm-delete" }}
    />
  );
}
