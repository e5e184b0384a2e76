import type { InferUITools, UIMessage } from "ai";
import type { ChatTools } from "@/tools";
import type { MessageMetadata } from "./message-metadata";
import type { ToolRun } from "./tool-run";

export type ChatDataParts = {
  toolRun: ToolRun;
};

/** The one message type shared by the server stream and `useChat<ChatMessage>()`. */
export type ChatMessage = UIMessage<MessageMetadata, ChatDataParts, InferUITools<ChatTools>>;

export type ChatMessagePart = ChatMessage["parts"][number];
