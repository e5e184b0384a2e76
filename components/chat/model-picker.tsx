"use client";

import type { ModelOption } from "@/lib/ai/models";

type ModelPickerProps = {
  models: readonly ModelOption[];
  value: string;
  onChange: (modelId: string) => void;
};

/** Which model answers the next message: a native select, so it works by keyboard, screen reader and touch alike. */
export function ModelPicker({ models, value, onChange }: ModelPickerProps) {
  return (
    <label className="inline-flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
      <span className="sr-only sm:not-sr-only">Model</span>
      <select
        data-testid="model-picker"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="max-w-[60vw] min-w-0 truncate rounded-md border border-border bg-card px-2 py-1 text-xs font-medium text-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring sm:max-w-xs"
      >
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label}
          </option>
        ))}
      </select>
    </label>
  );
}
