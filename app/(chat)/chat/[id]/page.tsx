import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { DeferredChat } from "@/components/chat/deferred-chat";
import { chatModelId, modelOptions } from "@/lib/ai/models";
import { requirePageViewer } from "@/lib/auth/page-auth";
import { loadChat } from "@/lib/chat/load-chat";
import { MAX_TEXT_CHARS } from "@/lib/chat/request-limits";
import { chatIdSchema } from "@/lib/chat/request-schema";
import { getEnv } from "@/lib/env";
import { getStores } from "@/lib/store/get-stores";

type ChatPageProps = { params: Promise<{ id: string }> };

/** The user's chat, or nothing for an id that is malformed, unknown, or someone else's. Once per request. */
const loadPageChat = cache(async (id: string) => {
  const chatId = chatIdSchema.safeParse(id);
  const { userId } = await requirePageViewer(chatId.success ? `/chat/${chatId.data}` : "/");
  if (!chatId.success) return undefined;
  return loadChat({ stores: await getStores(), userId, chatId: chatId.data });
});

export async function generateMetadata({ params }: ChatPageProps): Promise<Metadata> {
  const chat = await loadPageChat((await params).id);
  return { title: chat?.title ?? "Chat not found" };
}

// A stored conversation, rendered on the server: the page arrives with every message in it.
export default async function ChatPage({ params }: ChatPageProps) {
  await connection();
  const chat = await loadPageChat((await params).id);
  if (!chat) notFound();
  // Another chat, or this chat grown since (Back/Forward reloads the page): a fresh `useChat`.
  const env = getEnv();
  return (
    <DeferredChat
      key={`${chat.id}@${chat.updatedAt}`}
      chatId={chat.id}
      isAnswering={chat.unendedLog !== undefined}
      title={chat.title}
      initialMessages={chat.messages}
      initialTree={chat.tree}
      maxTextChars={MAX_TEXT_CHARS}
      models={modelOptions(env)}
      modelId={chatModelId(env, chat.messages)}
    />
  );
}
