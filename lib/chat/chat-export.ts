import type { ChatJson } from "./chat-json";
import { chatToMarkdown } from "./chat-markdown";

// A chat as a file to download: Markdown to read, or JSON in the shape `GET /api/chats/{id}` returns.

export const exportFormats = ["markdown", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

type ExportFile = { body: string; contentType: string; fileName: string };

/** Longest file name, in characters, before its extension. */
const MAX_NAME_CHARS = 80;

export function chatExportFile(chat: ChatJson, format: ExportFormat): ExportFile {
  if (format === "markdown") {
    return { body: chatToMarkdown(chat), contentType: "text/markdown; charset=utf-8", fileName: exportFileName(chat.title, "md") };
  }
  return { body: `${JSON.stringify(chat, null, 2)}\n`, contentType: "application/json; charset=utf-8", fileName: exportFileName(chat.title, "json") };
}

/**
 * The title as a file name every system accepts: no path separators, reserved or control
 * characters, no leading dots (hidden files), cut by code points; "chat" when nothing is left.
 */
export function exportFileName(title: string, extension: string): string {
  const name = title
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const cut = Array.from(name).slice(0, MAX_NAME_CHARS).join("").trim();
  return `${cut === "" ? "chat" : cut}.${extension}`;
}
