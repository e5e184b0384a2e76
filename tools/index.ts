import { calculate } from "./calculate/calculate";
import { getCurrentTime } from "./get-current-time/get-current-time";
import { getWeather } from "./get-weather/get-weather";

/**
 * The server-side tools. Adding one = one file in tools/ and one line here; a chip of its own is
 * optional (tools/presenters.ts).
 */
export const toolDefinitions = {
  getWeather,
  calculate,
  getCurrentTime,
};
