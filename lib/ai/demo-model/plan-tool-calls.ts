import { findExpressions } from "./find-expressions";
import { readPlaceList } from "./read-place-list";
import { timeZoneForPlace } from "./time-zones";

export type PlannedToolCall = { toolName: string; input: Record<string, string> };

// The tool names of tools/index.ts: the demo model knows these three and nothing else.
export const WEATHER_TOOL = "getWeather";
export const CALCULATE_TOOL = "calculate";
export const TIME_TOOL = "getCurrentTime";

/** A question that asks for more is cut here: every call costs a request to an external API. */
export const MAX_PLANNED_CALLS = 8;

const WEATHER_ANCHORS = [
  // "weather in", "weather like in", "weather going to be like tomorrow in", "forecast for"
  /\b(?:weather|temperature|forecast)(?:\s+(?:like|forecast|report|conditions|today|tonight|tomorrow|now|right\s+now|currently|going\s+to\s+be|be))*\s+(?:in|for|at|of)\s+/giu,
  // "is it raining in", "how cold is it in"
  /\b(?:is\s+it\s+(?:raining|snowing|sunny|cloudy|windy|cold|hot|warm)|how\s+(?:hot|cold|warm|windy)\s+is\s+it)(?:\s+(?:today|now|right\s+now|currently))?\s+in\s+/giu,
];

// "What time is it in", "the time in", "current time in", or a message that starts with "time in";
// not "runs in linear time in Python".
const TIME_ANCHOR =
  /(?:\bwhat\s+time|\b(?:the|current|local)\s+time|^\s*time)(?:\s+(?:is\s+it|now|right\s+now|currently|there))*\s+(?:in|for|at)\s+/gimu;
const TIME_WITHOUT_PLACE = /\bwhat\s+time\s+is\s+it\b|\bwhat(?:'|’)?s\s+the\s+time\b|\b(?:current|local)\s+time\b/iu;
const DEFAULT_TIME_ZONE = "UTC";

/** "time in Python" is about code, not a place. */
const PROGRAMMING_LANGUAGES = /^(?:typescript|javascript|python|go|golang|rust|java|kotlin|swift|ruby|php|c|c\+\+|c#)$/iu;

type Found = PlannedToolCall & { index: number };

/**
 * The tool calls a question asks for, in the order it asks for them: one per city, time zone
 * and expression, all in one step. Only tools in `availableToolNames` are planned.
 */
export function planToolCalls(question: string, availableToolNames: ReadonlySet<string>): PlannedToolCall[] {
  const found: Found[] = [];
  if (availableToolNames.has(WEATHER_TOOL)) found.push(...findWeatherCalls(question));
  if (availableToolNames.has(CALCULATE_TOOL)) found.push(...findCalculateCalls(question));
  if (availableToolNames.has(TIME_TOOL)) found.push(...findTimeCalls(question));
  found.sort((a, b) => a.index - b.index);

  const seen = new Set<string>();
  const planned: PlannedToolCall[] = [];
  for (const { toolName, input } of found) {
    const key = `${toolName}:${JSON.stringify(input).toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    planned.push({ toolName, input });
    if (planned.length === MAX_PLANNED_CALLS) break;
  }
  return planned;
}

function findWeatherCalls(question: string): Found[] {
  const found: Found[] = [];
  for (const anchor of WEATHER_ANCHORS) {
    for (const match of question.matchAll(anchor)) {
      for (const city of readPlaceList(question, match.index + match[0].length)) {
        found.push({ index: match.index, toolName: WEATHER_TOOL, input: { city } });
      }
    }
  }
  return found;
}

function findCalculateCalls(question: string): Found[] {
  return findExpressions(question).map(({ index, expression }) => ({
    index,
    toolName: CALCULATE_TOOL,
    input: { expression },
  }));
}

function findTimeCalls(question: string): Found[] {
  const found: Found[] = [];
  for (const match of question.matchAll(TIME_ANCHOR)) {
    const places = readPlaceList(question, match.index + match[0].length, { allowZoneNames: true });
    for (const place of places) {
      if (PROGRAMMING_LANGUAGES.test(place)) continue;
      found.push({ index: match.index, toolName: TIME_TOOL, input: { timezone: timeZoneForPlace(place) } });
    }
  }
  if (found.length === 0) {
    const match = TIME_WITHOUT_PLACE.exec(question);
    if (match) found.push({ index: match.index, toolName: TIME_TOOL, input: { timezone: DEFAULT_TIME_ZONE } });
  }
  return found;
}
