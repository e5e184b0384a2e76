import type { InferUITools } from "ai";
import type { ChatTools, ToolName } from "@/tools";

// How each tool reads in a chip: its label, the input that identifies the call (city, expression,
// time zone) and a one-line summary of a successful result. A tool without an entry here still
// gets a generic chip (its name, its first string input, the raw result).

type ChatUITools = InferUITools<ChatTools>;
type ToolInput<NAME extends ToolName> = ChatUITools[NAME]["input"];
type ToolSuccess<NAME extends ToolName> = Extract<ChatUITools[NAME]["output"], { ok: true }>;

type ToolPresenter<NAME extends ToolName> = {
  label: string;
  /** The input that identifies the call; the input may still be streaming in (partial). */
  mainInput: (input: Partial<ToolInput<NAME>>) => string | undefined;
  summarize: (output: ToolSuccess<NAME>) => string;
};

const presenters: { [NAME in ToolName]: ToolPresenter<NAME> } = {
  getWeather: {
    label: "Weather",
    mainInput: (input) => input.city,
    summarize: (output) => {
      const place = [output.city, output.country].filter(Boolean).join(", ");
      return `${place} · ${formatNumber(output.temperatureC)} °C, ${output.conditions}`;
    },
  },
  calculate: {
    label: "Calculator",
    mainInput: (input) => input.expression,
    summarize: (output) => `${output.expression} = ${output.result}`,
  },
  getCurrentTime: {
    label: "Time",
    mainInput: (input) => input.timezone,
    summarize: (output) => `${placeOfTimeZone(output.timezone)}: ${output.formatted}`,
  },
};

type AnyPresenter = {
  label: string;
  mainInput: (input: Record<string, unknown>) => unknown;
  summarize: (output: Record<string, unknown>) => string;
};

function presenterOf(toolName: string): AnyPresenter | undefined {
  // The wire is not typed: a presenter is chosen by name, and reads defensively (see below).
  return Object.hasOwn(presenters, toolName) ? (presenters[toolName as ToolName] as unknown as AnyPresenter) : undefined;
}

export function toolLabel(toolName: string): string {
  return presenterOf(toolName)?.label ?? toolName;
}

/** "Paris", "17% of 2340", "Asia/Tokyo"; for other tools the first short string in the input. */
export function describeToolInput(toolName: string, input: unknown): string | undefined {
  if (!isRecord(input)) return undefined;
  const presenter = presenterOf(toolName);
  const value = presenter ? safely(() => presenter.mainInput(input)) : Object.values(input).find((entry) => typeof entry === "string");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * One readable line for a successful result (`{ ok: true, ... }`), or undefined when the tool has
 * no presenter or the result has an unexpected shape (e.g. history stored by an older version).
 */
export function summarizeToolOutput(toolName: string, output: unknown): string | undefined {
  const presenter = presenterOf(toolName);
  if (!presenter || !isRecord(output) || output.ok !== true) return undefined;
  const summary = safely(() => presenter.summarize(output));
  return typeof summary === "string" && !summary.includes("undefined") ? summary : undefined;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "Asia/Tokyo" → "Tokyo", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
function placeOfTimeZone(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replaceAll("_", " ");
}
