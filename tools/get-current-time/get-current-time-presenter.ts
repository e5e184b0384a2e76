import type { ToolPresenter } from "@/lib/tools/tool-presenter";
import type { getCurrentTime } from "./get-current-time";

export const getCurrentTimePresenter: ToolPresenter<typeof getCurrentTime> = {
  label: "Time",
  mainInput: (input) => input.timezone,
  summarize: (output) => `${placeOfTimeZone(output.timezone)}: ${output.formatted}`,
};

/** "Asia/Tokyo" → "Tokyo", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
function placeOfTimeZone(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replaceAll("_", " ");
}
