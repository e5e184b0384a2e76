import { connection } from "next/server";
import { Chat } from "@/components/chat/chat";
import { chatModelLabel } from "@/lib/ai/chat-model";
import { getEnv } from "@/lib/env";

// Rendered per request: the model label comes from the server's configuration at run time
// (an OPENAI_API_KEY set after the build must show), so this page is never prerendered.
export default async function HomePage() {
  await connection();
  // Only the label crosses to the client; the configuration stays on the server.
  return <Chat modelLabel={chatModelLabel(getEnv())} />;
}
