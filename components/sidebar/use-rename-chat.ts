"use client";

import { useRef, useState } from "react";
import { errorText, renameChat } from "./chats-api";

export type RenameChatOptions = {
  chatId: string;
  /** The title before the edit. */
  title: string;
  onCancel: () => void;
  onSaved: (title: string) => void;
};

/**
 * A title being edited: saved (once) when it changed, cancelled when it did not or when it was
 * left empty by leaving the field; an empty title typed and confirmed is an error to fix.
 */
export function useRenameChat({ chatId, title, onCancel, onSaved }: RenameChatOptions) {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  // Enter saves, and the input then unmounts and blurs: save once, and never after Escape.
  const settled = useRef(false);

  const cancel = () => {
    settled.current = true;
    onCancel();
  };

  const save = async ({ fromBlur }: { fromBlur: boolean }) => {
    if (settled.current || isSaving) return;
    const newTitle = value.replace(/\s+/g, " ").trim();
    if (newTitle === title || (newTitle === "" && fromBlur)) {
      cancel();
      return;
    }
    if (newTitle === "") {
      setError("The title cannot be empty.");
      return;
    }
    setIsSaving(true);
    setError(undefined);
    try {
      const saved = await renameChat(chatId, newTitle);
      settled.current = true;
      onSaved(saved.title);
    } catch (caught) {
      setError(errorText(caught));
      setIsSaving(false);
    }
  };

  const edit = (newValue: string) => {
    setValue(newValue);
    setError(undefined);
  };

  return { value, error, isSaving, edit, save, cancel };
}
