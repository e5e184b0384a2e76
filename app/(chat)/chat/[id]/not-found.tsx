import { NotFoundMessage } from "@/components/chat/not-found-message";

export default function ChatNotFound() {
  return <NotFoundMessage title="This chat does not exist or was deleted" />;
}
