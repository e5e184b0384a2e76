import { connection } from "next/server";
import { DeferredChat } from "@/components/chat/deferred-chat";
import { modelOptions } from "@/lib/ai/models";
import { requirePageViewer } from "@/lib/auth/page-auth";
import { MAX_TEXT_CHARS } from "@/lib/chat/request-limits";
import { getEnv } from "@/lib/env";

// A new chat. Its id is made here, so the browser and the server agree on it from the first message
// (the chat is stored when that message arrives). A fresh id per request: never prerendered.
export default async function NewChatPage() {
  await connection();
  await requirePageViewer("/");
  const chatId = crypto.randomUUID();
  const env = getEnv();
  return <DeferredChat key={chatId} chatId={chatId} isAnswering={false} initialMessages={[]} initialTree={[]} maxTextChars={MAX_TEXT_CHARS} models={modelOptions(env)} modelId={env.defaultModelId} />;
}
