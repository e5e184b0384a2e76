import { tool } from "ai";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { defineTool } from "@/lib/tools/tool-definition";
import { fetchJson } from "./fetch-json";
import { describeWeatherCode } from "./weather-codes";

const inputSchema = z.object({
  city: z.string().trim().min(1).max(100).describe('A city name, e.g. "Paris" or "São Paulo".'),
});

const outputSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    city: z.string(),
    country: z.string().optional(),
    latitude: z.number(),
    longitude: z.number(),
    temperatureC: z.number(),
    windSpeedKmh: z.number(),
    weatherCode: z.number(),
    conditions: z.string(),
    /** Local time of the observation, ISO 8601 without offset (as Open-Meteo sends it). */
    observedAt: z.string(),
  }),
  z.object({ ok: z.literal(false), city: z.string(), reason: z.string() }),
]);

// Open-Meteo's answers, reduced to what the tool reads.
const geocodingSchema = z.object({
  results: z
    .array(z.object({ name: z.string(), latitude: z.number(), longitude: z.number(), country: z.string().optional() }))
    .optional(),
});

const forecastSchema = z.object({
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    weather_code: z.number(),
    wind_speed_10m: z.number(),
  }),
});

export const getWeather = defineTool(
  tool({
    description: "Get the current weather (temperature, conditions, wind) in a city.",
    inputSchema,
    outputSchema,
    execute: async ({ city }, { abortSignal }) => {
      const { GEOCODING_API_URL, WEATHER_API_URL } = getEnv();
      const geocoding = await fetchJson(
        `${GEOCODING_API_URL}/v1/search?${new URLSearchParams({ name: city, count: "1" })}`,
        { service: "geocoding service", schema: geocodingSchema, signal: abortSignal },
      );
      const place = geocoding.results?.[0];
      if (!place) return { ok: false as const, city, reason: `No place called "${city}" was found.` };

      const query = new URLSearchParams({
        latitude: String(place.latitude),
        longitude: String(place.longitude),
        current: "temperature_2m,weather_code,wind_speed_10m",
      });
      const forecast = await fetchJson(`${WEATHER_API_URL}/v1/forecast?${query}`, {
        service: "weather service",
        schema: forecastSchema,
        signal: abortSignal,
      });
      const { current } = forecast;
      return {
        ok: true as const,
        city: place.name,
        country: place.country,
        latitude: place.latitude,
        longitude: place.longitude,
        temperatureC: current.temperature_2m,
        windSpeedKmh: current.wind_speed_10m,
        weatherCode: current.weather_code,
        conditions: describeWeatherCode(current.weather_code),
        observedAt: current.time,
      };
    },
  }),
  { cacheTtlMs: 10 * 60_000, maxOutputChars: 4_000 },
);
