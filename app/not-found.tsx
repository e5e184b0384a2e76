import { NotFoundMessage } from "@/components/chat/not-found-message";

// Any address that is not a page of Parley.
export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col bg-background text-foreground">
      <NotFoundMessage title="This page does not exist" headingLevel={1} />
    </main>
  );
}
