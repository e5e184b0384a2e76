import type { ToolPresenter } from "@/lib/tools/tool-presenter";
import { calculatePresenter } from "./calculate/calculate-presenter";
import { getCurrentTimePresenter } from "./get-current-time/get-current-time-presenter";
import { getWeatherPresenter } from "./get-weather/get-weather-presenter";
import type { toolDefinitions } from "./index";

/**
 * How the tools' calls read in their chips, by tool name: optional, one line per tool that has a
 * presenter. Loaded in the browser (the tools themselves never are).
 */
export const toolPresenters = {
  getWeather: getWeatherPresenter,
  calculate: calculatePresenter,
  getCurrentTime: getCurrentTimePresenter,
} satisfies { [NAME in keyof typeof toolDefinitions]?: ToolPresenter<(typeof toolDefinitions)[NAME]> };
