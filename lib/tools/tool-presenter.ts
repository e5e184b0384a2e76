import type { ToolDefinition } from "./tool-definition";

type InputOf<DEFINITION> = DEFINITION extends ToolDefinition<infer INPUT, infer _OUTPUT> ? INPUT : never;
type OutputOf<DEFINITION> = DEFINITION extends ToolDefinition<infer _INPUT, infer OUTPUT> ? OUTPUT : never;
/** A result that is not the `{ ok: false, reason }` a tool answers when it has nothing to give. */
type SuccessOf<OUTPUT> = OUTPUT extends { ok: false } ? never : OUTPUT;

/**
 * How a tool's calls read in their chips, typed from the tool's own definition. Optional: a tool
 * without one gets the generic chip (its name, its first string input, the raw result). Presenters
 * run in the browser, so a presenter file imports nothing from its tool but types.
 */
export type ToolPresenter<DEFINITION> = {
  label: string;
  /** The input that identifies the call (city, expression); the input may still be streaming in. */
  mainInput?: (input: Partial<InputOf<DEFINITION>>) => string | undefined;
  /** One readable line for a successful result. */
  summarize?: (output: SuccessOf<OutputOf<DEFINITION>>) => string;
};
