import type { ToolPresenter } from "@/lib/tools/tool-presenter";
import type { getWeather } from "./get-weather";

export const getWeatherPresenter: ToolPresenter<typeof getWeather> = {
  label: "Weather",
  mainInput: (input) => input.city,
  summarize: (output) => {
    const place = [output.city, output.country].filter(Boolean).join(", ");
    return `${place} · ${formatNumber(output.temperatureC)} °C, ${output.conditions}`;
  },
};

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
