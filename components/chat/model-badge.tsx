/** Which model answers: "Demo model (offline)" or the configured model's name. */
export function ModelBadge({ label }: { label: string }) {
  return (
    <span
      data-testid="model-badge"
      title="The model that answers in this chat"
      className="inline-flex max-w-[60vw] items-center gap-1.5 truncate rounded-full border border-border bg-muted px-2.5 py-0.5 text-xs font-medium text-muted-foreground"
    >
      <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-emerald-500" />
      <span className="truncate">{label}</span>
    </span>
  );
}
