import { connection } from "next/server";
import type { ReactNode } from "react";
import { ChatShell } from "@/components/sidebar/chat-shell";
import { modelFor } from "@/lib/ai/models";
import { requirePageViewer } from "@/lib/auth/page-auth";
import { getEnv } from "@/lib/env";

// The sidebar and header around every chat. A layout: switching chats re-renders only the page.
export default async function ChatLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the model label comes from the server's configuration at run time (an
  // OPENAI_API_KEY set after the build must show). Only the label and the account cross to the client.
  await connection();
  // A layout does not know the page's path; the proxy (and the chat page itself) keep it.
  const { account } = await requirePageViewer("/");
  return (
    <ChatShell modelLabel={modelFor(getEnv()).label} account={account}>
      {children}
    </ChatShell>
  );
}
