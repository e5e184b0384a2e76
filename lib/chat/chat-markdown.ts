import { getToolName, isToolUIPart, type DynamicToolUIPart, type ToolUIPart } from "ai";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";

// A chat as Markdown, to read or keep: the title as the heading, then each message under its
// author. Answers keep their own markdown as the model wrote it; each tool call is one line; the
// model's reasoning is left out (it is the model's working, not the conversation: the JSON export
// keeps it).

/** Longest tool input or error quoted on a tool call's line, in characters. */
const MAX_QUOTE_CHARS = 120;

/** A chat's title and its messages in order: what `GET /api/chats/{id}` returns has both. */
type ChatForMarkdown = { title: string; messages: readonly ChatMessage[] };

export function chatToMarkdown({ title, messages }: ChatForMarkdown): string {
  const sections = [`# ${escapeInline(oneLine(title))}`, ...messages.map(messageToMarkdown)];
  return `${sections.join("\n\n")}\n`;
}

function messageToMarkdown(message: ChatMessage): string {
  const blocks = [headingOf(message)];
  let toolLines: string[] = [];
  const flushTools = () => {
    if (toolLines.length > 0) blocks.push(toolLines.join("\n"));
    toolLines = [];
  };
  for (const part of message.parts) {
    if (isToolUIPart(part)) {
      toolLines.push(toolCallLine(part));
      continue;
    }
    const text = textOf(part);
    if (text === undefined) continue;
    flushTools();
    blocks.push(text);
  }
  flushTools();
  const status = statusLine(message);
  if (status) blocks.push(status);
  return blocks.join("\n\n");
}

function headingOf(message: ChatMessage): string {
  if (message.role === "user") return "## You";
  if (message.role === "system") return "## System";
  const model = message.metadata?.model;
  return model ? `## Parley · ${escapeInline(oneLine(model))}` : "## Parley";
}

/** The text of a text part, as written; nothing for reasoning, step boundaries, data and sources. */
function textOf(part: ChatMessagePart): string | undefined {
  if (part.type !== "text") return undefined;
  const text = part.text.trimEnd();
  return text.trim() === "" ? undefined : text;
}

/** "- Tool `getWeather` `{"city":"Paris"}`: done" */
function toolCallLine(part: ToolUIPart | DynamicToolUIPart): string {
  const input = part.input === undefined ? "" : ` ${inlineCode(cut(oneLine(JSON.stringify(part.input) ?? "")))}`;
  return `- Tool ${inlineCode(getToolName(part))}${input}: ${toolOutcome(part)}`;
}

function toolOutcome(part: ToolUIPart | DynamicToolUIPart): string {
  switch (part.state) {
    case "output-available":
      return "done";
    case "output-error":
      return `failed (${escapeInline(cut(oneLine(part.errorText)))})`;
    case "output-denied":
      return "not allowed";
    default:
      return "not finished";
  }
}

function statusLine(message: ChatMessage): string | undefined {
  const { status, errorText } = message.metadata ?? {};
  if (status === "stopped") return "_Stopped before the answer was finished._";
  if (status === "failed") return errorText ? `_The answer failed: ${escapeInline(oneLine(errorText))}_` : "_The answer failed._";
  return undefined;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function cut(text: string): string {
  const characters = Array.from(text);
  return characters.length <= MAX_QUOTE_CHARS ? text : `${characters.slice(0, MAX_QUOTE_CHARS).join("")}…`;
}

/** Text that reads as itself in Markdown: its marks (`*`, `_`, `#`, `[`…) escaped. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]#<>~|!]/g, "\\$&");
}

/** `text` as inline code, fenced with more backticks than it holds in a row. */
function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${padding}${text}${padding}${fence}`;
}
