import type { RuntimeTools } from "@/lib/tools/tool-runtime";
import { calculate } from "./calculate/calculate";
import { getCurrentTime } from "./get-current-time/get-current-time";
import { getWeather } from "./get-weather/get-weather";

/** The server-side tools. Adding one = one file in tools/ and one line here (a chip presenter is optional: presenters.ts). */
export const toolDefinitions = {
  getWeather,
  calculate,
  getCurrentTime,
};

export type ToolName = keyof typeof toolDefinitions;

/** The tool set as the model and the UI see it (outputs include the runtime's truncation). */
export type ChatTools = RuntimeTools<typeof toolDefinitions>;
