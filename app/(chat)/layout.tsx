import { connection } from "next/server";
import type { ReactNode } from "react";
import { ChatShell } from "@/components/sidebar/chat-shell";
import { requirePageViewer } from "@/lib/auth/page-auth";
import { MAX_TITLE_LENGTH } from "@/lib/store/chat-store";

// The sidebar and header around every chat. A layout: switching chats re-renders only the page.
export default async function ChatLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the account is the viewer's. Only the account crosses to the client.
  await connection();
  // A layout does not know the page's path; the proxy (and the chat page itself) keep it.
  const { account } = await requirePageViewer("/");
  return (
    <ChatShell account={account} maxTitleChars={MAX_TITLE_LENGTH}>
      {children}
    </ChatShell>
  );
}
