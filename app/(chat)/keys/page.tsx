import type { Metadata } from "next";
import { connection } from "next/server";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { ChatHeader } from "@/components/chat/chat-header";
import { MAX_API_KEY_NAME_LENGTH } from "@/lib/api-keys/create-api-key";
import { requirePageViewer } from "@/lib/auth/page-auth";

export const metadata: Metadata = { title: "API keys" };

// The user's personal API keys, inside the chat frame so the sidebar stays. The list is read by the
// browser (GET /api/keys), which shows its dates in the user's own time zone.
export default async function ApiKeysPage() {
  await connection();
  await requirePageViewer("/keys");
  return (
    <>
      <ChatHeader title="API keys" />
      <ApiKeysManager maxNameLength={MAX_API_KEY_NAME_LENGTH} />
    </>
  );
}
