"use client";

import { useRef, useState } from "react";
import { errorText } from "@/components/ui/request-error";
import { renameChat } from "./chats-api";

export type RenameChatOptions = {
  chatId: string;
  /** The title before the edit. */
  title: string;
  /** The longest title the server accepts, after spaces are collapsed. */
  maxTitleChars: number;
  onCancel: () => void;
  onSaved: (title: string) => void;
};

/**
 * A title being edited: saved (once) when it changed, cancelled when it did not or when it was
 * left empty by leaving the field; an empty title typed and confirmed is an error to fix. A title
 * over the limit says so as it is typed (or pasted), and is not saved: nothing is cut, the text
 * stays in the field to shorten, and the chat keeps its old title until then.
 */
export function useRenameChat({ chatId, title, maxTitleChars, onCancel, onSaved }: RenameChatOptions) {
  const [value, setValue] = useState(title);
  const [saveError, setSaveError] = useState<string>();
  const lengthError = tooLongText(normalized(value).length, maxTitleChars);
  const [isSaving, setIsSaving] = useState(false);
  // Enter saves, and the input then unmounts and blurs: save once, and never after Escape.
  const settled = useRef(false);

  const cancel = () => {
    settled.current = true;
    onCancel();
  };

  const save = async ({ fromBlur }: { fromBlur: boolean }) => {
    if (settled.current || isSaving) return;
    const newTitle = normalized(value);
    if (newTitle === title || (newTitle === "" && fromBlur)) {
      cancel();
      return;
    }
    if (lengthError) return;
    if (newTitle === "") {
      setSaveError("The title cannot be empty.");
      return;
    }
    setIsSaving(true);
    setSaveError(undefined);
    try {
      const saved = await renameChat(chatId, newTitle);
      settled.current = true;
      onSaved(saved.title);
    } catch (caught) {
      setSaveError(errorText(caught));
      setIsSaving(false);
    }
  };

  const edit = (newValue: string) => {
    setValue(newValue);
    setSaveError(undefined);
  };

  return { value, error: lengthError ?? saveError, isSaving, edit, save, cancel };
}

/** The title as the server stores it: spaces collapsed, trimmed. */
const normalized = (value: string) => value.replace(/\s+/g, " ").trim();

function tooLongText(length: number, maxTitleChars: number): string | undefined {
  if (length <= maxTitleChars) return undefined;
  return `Too long: ${length} characters, at most ${maxTitleChars}. Shorten it by ${length - maxTitleChars}.`;
}
