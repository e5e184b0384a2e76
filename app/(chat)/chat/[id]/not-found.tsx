import { ChatHeader } from "@/components/chat/chat-header";
import { NotFoundMessage } from "@/components/chat/not-found-message";

export default function ChatNotFound() {
  return (
    <>
      <ChatHeader title="Chat not found" />
      <NotFoundMessage title="This chat does not exist or was deleted" />
    </>
  );
}
