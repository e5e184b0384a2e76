import Link from "next/link";
import { ChatBubbleIcon, PlusIcon } from "@/components/ui/icons";

/** A page that is not there (a deleted chat, a wrong link), with the way on: a new chat. */
export function NotFoundMessage({ title, headingLevel = 2 }: { title: string; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section data-testid="not-found" aria-labelledby="not-found-title" className="flex flex-1 flex-col items-center justify-center px-6 py-12 text-center">
      <ChatBubbleIcon className="size-10 text-muted-foreground" />
      <Heading id="not-found-title" className="mt-4 text-xl font-semibold tracking-tight">
        {title}
      </Heading>
      <p className="mt-2 max-w-sm text-muted-foreground">Check the link, or pick a chat from the list. You can always start a new one.</p>
      <Link
        href="/"
        className="mt-6 inline-flex h-10 items-center gap-2 rounded-xl bg-primary px-4 text-sm font-medium text-primary-foreground hover:opacity-90"
      >
        <PlusIcon className="size-4" />
        Start a new chat
      </Link>
    </section>
  );
}
