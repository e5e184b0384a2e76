import type { UIMessage } from "ai";
import type { MessageMetadata } from "./message-metadata";
import type { ToolRun } from "./tool-run";

type ChatDataParts = {
  toolRun: ToolRun;
};

/**
 * The one message type shared by the server stream, the store and `useChat<ChatMessage>()`. Its
 * tool parts are those of any tool set: the runtime runs whatever tools it is given, and a tool's
 * own input and output types are read where they are used (its presenter, `ToolPresenter`).
 */
export type ChatMessage = UIMessage<MessageMetadata, ChatDataParts>;

export type ChatMessagePart = ChatMessage["parts"][number];
