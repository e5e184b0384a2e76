import type { LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import { escapeMarkdown, formatNumber, joinWithAnd, shorten } from "./markdown";
import { CALCULATE_TOOL, TIME_TOOL, WEATHER_TOOL } from "./plan-tool-calls";
import { placeForTimeZone } from "./time-zones";

/** One tool call of this turn and what came back; `output` is undefined when no result arrived. */
export type ToolOutcome = {
  toolName: string;
  input: unknown;
  output: LanguageModelV4ToolResultOutput | undefined;
};

type Described = { line: string; ok: boolean };
type Kind = "weather" | "calculation" | "time" | "other";

const MAX_MESSAGE_CHARS = 300;

/**
 * The final answer of a tool round trip, in Markdown: a lead sentence that names what was looked
 * up, one list item per call, and a closing note when something failed. Every failure is said
 * plainly; the answer never depends on all tools working.
 */
export function composeAnswer(question: string, outcomes: readonly ToolOutcome[]): string {
  if (outcomes.length === 0) {
    return "I tried to use my tools, but no results came back, so I can't answer that right now. Please try again.";
  }
  const described = outcomes.map((outcome) => describeOutcome(outcome, question));
  const failures = described.filter(({ ok }) => !ok).length;
  const lines = [leadSentence(outcomes, question), "", ...described.map(({ line }) => line)];
  if (failures === outcomes.length) {
    lines.push("", "None of the lookups worked this time, so I have nothing current to tell you. Please try again in a moment.");
  } else if (failures === 1) {
    lines.push("", "One lookup failed, so that part is missing; you can ask again in a moment.");
  } else if (failures > 1) {
    lines.push("", `${failures} lookups failed, so those parts are missing; you can ask again in a moment.`);
  }
  return lines.join("\n");
}

function kindOf(toolName: string): Kind {
  if (toolName === WEATHER_TOOL) return "weather";
  if (toolName === CALCULATE_TOOL) return "calculation";
  if (toolName === TIME_TOOL) return "time";
  return "other";
}

/** "I checked the weather in Paris and Tokyo, and worked out 17% of 2340:" */
function leadSentence(outcomes: readonly ToolOutcome[], question: string): string {
  const subjectsByKind = new Map<Kind, string[]>();
  for (const outcome of outcomes) {
    const kind = kindOf(outcome.toolName);
    const subjects = subjectsByKind.get(kind) ?? [];
    subjects.push(subjectOf(outcome, question));
    subjectsByKind.set(kind, subjects);
  }
  const phrases = [...subjectsByKind].map(([kind, subjects]) => {
    const names = joinWithAnd([...new Set(subjects)].map(escapeMarkdown));
    switch (kind) {
      case "weather":
        return `checked the weather in ${names}`;
      case "calculation":
        return `worked out ${names}`;
      case "time":
        return `looked up the time in ${names}`;
      case "other":
        return `ran ${names}`;
    }
  });
  const last = phrases.pop() ?? "";
  if (phrases.length === 0) return `I ${last}:`;
  // The phrases contain "and" themselves ("Paris and Tokyo"), so three or more need the serial comma.
  return `I ${phrases.join(", ")}${phrases.length > 1 ? "," : ""} and ${last}:`;
}

/** The name an answer gives a call: its city, expression or place; the tool's name otherwise. */
function subjectOf({ toolName, input, output }: ToolOutcome, question: string): string {
  const value = output?.type === "json" && isRecord(output.value) ? output.value : undefined;
  const inputRecord = isRecord(input) ? input : undefined;
  switch (kindOf(toolName)) {
    case "weather":
      return stringField(value, "city") ?? stringField(inputRecord, "city") ?? "the city";
    case "calculation":
      return stringField(value, "expression") ?? stringField(inputRecord, "expression") ?? "the expression";
    case "time": {
      const zone = stringField(value, "timezone") ?? stringField(inputRecord, "timezone");
      return zone === undefined ? "the time zone" : placeForTimeZone(zone, question);
    }
    case "other":
      return toolName;
  }
}

function describeOutcome(outcome: ToolOutcome, question: string): Described {
  const kind = kindOf(outcome.toolName);
  const subject = subjectOf(outcome, question);
  const label = `- **${escapeMarkdown(subject)}**`;
  const failed = (message: string): Described => ({
    line: `${label}: I couldn't ${attemptOf(kind, outcome.toolName)} — ${plain(message)}`,
    ok: false,
  });
  const { output } = outcome;

  switch (output?.type) {
    case undefined:
      return failed("no result arrived.");
    case "execution-denied":
      return {
        line: `${label}: the ${actionOf(kind, outcome.toolName)} was not allowed${output.reason ? ` — ${plain(output.reason)}` : "."}`,
        ok: false,
      };
    case "error-text":
      return failed(withoutErrorName(output.value));
    case "error-json":
      return failed(withoutErrorName(messageOf(output.value)));
    case "text":
      return { line: `${label}: ${plain(output.value)}`, ok: true };
    case "content": {
      const text = output.value.map((part) => (part.type === "text" ? part.text : "")).join(" ");
      return { line: `${label}: ${plain(text || "(no text)")}`, ok: true };
    }
    case "json":
      return describeJson(kind, label, output.value, outcome, question, failed);
  }
}

function describeJson(
  kind: Kind,
  label: string,
  value: unknown,
  outcome: ToolOutcome,
  question: string,
  failed: (message: string) => Described,
): Described {
  if (!isRecord(value)) return { line: `${label}: ${plain(JSON.stringify(value) ?? "null")}`, ok: true };
  // The tool runtime replaces an oversized result by a preview and a note (lib/tools/cap-output.ts).
  if (value.truncated === true) {
    const note = stringField(value, "note") ?? "The result was too long.";
    return { line: `${label}: the result was too long and was cut off — ${plain(note)}`, ok: false };
  }
  if (value.ok === false) return failed(stringField(value, "reason") ?? "the tool gave no reason.");

  const line = kind === "other" ? undefined : describeSuccess(kind, label, value, outcome, question);
  return { line: line ?? `${label}: ${plain(JSON.stringify(value))}`, ok: true };
}

function describeSuccess(
  kind: Exclude<Kind, "other">,
  label: string,
  value: Record<string, unknown>,
  outcome: ToolOutcome,
  question: string,
): string | undefined {
  switch (kind) {
    case "weather": {
      const temperature = numberField(value, "temperatureC");
      const wind = numberField(value, "windSpeedKmh");
      const conditions = stringField(value, "conditions");
      if (temperature === undefined || wind === undefined || conditions === undefined) return undefined;
      const country = stringField(value, "country");
      const place = country ? `${subjectOf(outcome, question)}, ${country}` : subjectOf(outcome, question);
      return `- **${escapeMarkdown(place)}**: ${formatNumber(temperature)} °C, ${plain(conditions)}, wind ${formatNumber(wind)} km/h`;
    }
    case "calculation": {
      const result = stringField(value, "result");
      return result === undefined ? undefined : `${label} = ${plain(result)}`;
    }
    case "time": {
      const formatted = stringField(value, "formatted");
      const zone = stringField(value, "timezone");
      if (formatted === undefined || zone === undefined) return undefined;
      const place = subjectOf(outcome, question);
      const offset = stringField(value, "utcOffset");
      const utc = offset === undefined ? "" : ` (UTC${offset === "+00:00" ? "" : offset})`;
      const zoneNote = place === zone ? "" : ` (${escapeMarkdown(zone)})`;
      return `${label}${zoneNote}: ${plain(formatted)}${utc}`;
    }
  }
}

function attemptOf(kind: Kind, toolName: string): string {
  switch (kind) {
    case "weather":
      return "get the weather";
    case "calculation":
      return "calculate it";
    case "time":
      return "get the time";
    case "other":
      return `run ${escapeMarkdown(toolName)}`;
  }
}

function actionOf(kind: Kind, toolName: string): string {
  switch (kind) {
    case "weather":
      return "weather lookup";
    case "calculation":
      return "calculation";
    case "time":
      return "time lookup";
    case "other":
      return `call of ${escapeMarkdown(toolName)}`;
  }
}

/**
 * The AI SDK sends a thrown error to the model as `error.toString()`: "ToolFailure: The weather
 * service answered with HTTP 500.". The class name means nothing to the reader.
 */
function withoutErrorName(message: string): string {
  return message.replace(/^\s*[A-Za-z]*(?:Error|Failure|Exception):\s+/u, "");
}

/** Error JSON comes in many shapes; its message is what a reader needs. */
function messageOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isRecord(value)) {
    const message = stringField(value, "message") ?? stringField(value, "error") ?? stringField(value, "reason");
    if (message !== undefined) return message;
  }
  return JSON.stringify(value) ?? "unknown error";
}

/** Tool text on one line, bounded, and unable to inject Markdown into the answer. */
function plain(text: string): string {
  return escapeMarkdown(shorten(text, MAX_MESSAGE_CHARS));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === "string" ? value : undefined;
}

function numberField(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
