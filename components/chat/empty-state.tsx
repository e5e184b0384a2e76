"use client";

/** Prompts that show what Parley does: tools running at once, each kind of tool, and markdown. */
const examplePrompts = [
  "What's the weather in Paris and Tokyo, and what is 17% of 2340?",
  "What time is it in Tokyo?",
  "What is sqrt(2) * 12!?",
  "Write a TypeScript function that reverses a string",
] as const;

/** The first screen: what to ask. Choosing an example sends it. */
export function EmptyState({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <section data-testid="empty-state" aria-labelledby="empty-state-title" className="flex flex-col items-center pt-[8vh] pb-6 text-center">
      <h2 id="empty-state-title" className="text-2xl font-semibold tracking-tight">
        What can I help with?
      </h2>
      <p className="mt-2 max-w-md text-muted-foreground">
        Ask anything. Parley can check the weather, tell the time anywhere and do exact math — you see each tool run
        as it happens.
      </p>
      <ul className="mt-8 grid w-full gap-2 sm:grid-cols-2" aria-label="Example prompts">
        {examplePrompts.map((prompt) => (
          <li key={prompt} className="flex">
            <button
              type="button"
              data-testid="example-prompt"
              onClick={() => onPick(prompt)}
              className="w-full rounded-xl border border-border bg-card px-4 py-3 text-left text-sm leading-snug hover:border-ring hover:bg-muted"
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
