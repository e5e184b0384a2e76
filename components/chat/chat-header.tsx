import { ModelBadge } from "./model-badge";

export function ChatHeader({ modelLabel }: { modelLabel: string }) {
  return (
    <header className="shrink-0 border-b border-border bg-background/95">
      <div className="mx-auto flex h-14 w-full max-w-3xl items-center justify-between gap-3 px-4">
        <h1 className="text-lg font-semibold tracking-tight">Parley</h1>
        <ModelBadge label={modelLabel} />
      </div>
    </header>
  );
}
