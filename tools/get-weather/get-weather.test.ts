import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ToolFailure } from "@/lib/tools/tool-errors";
import { BROKEN_PLACE, MISSING_PLACE, SLOW_PLACE } from "@/test/fixtures/fake-open-meteo/cities";
import { startFakeOpenMeteoServer, type FakeOpenMeteoServer } from "@/test/fixtures/fake-open-meteo/server";
import type { getWeather as GetWeather } from "./get-weather";

// The tool against the fake Open-Meteo server over real HTTP (its places: test/fixtures/README.md).

const now = new Date("2026-05-14T09:37:12Z");

let fake: FakeOpenMeteoServer;
let getWeather: typeof GetWeather;

beforeAll(async () => {
  fake = await startFakeOpenMeteoServer({ now: () => now });
  // lib/env.ts reads process.env once, on the first getEnv() call: set the URLs before the tool runs.
  vi.stubEnv("GEOCODING_API_URL", fake.url);
  vi.stubEnv("WEATHER_API_URL", fake.url);
  ({ getWeather } = await import("./get-weather"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

const runGetWeather = (city: string, abortSignal?: AbortSignal) =>
  getWeather.tool.execute({ city }, { toolCallId: "call-test", messages: [], context: undefined, abortSignal }) as Promise<
    Awaited<ReturnType<typeof getWeather.tool.execute>>
  >;

describe("getWeather against the fake Open-Meteo", () => {
  it("returns the city's weather", async () => {
    expect(await runGetWeather("Tokyo")).toEqual({
      ok: true,
      city: "Tokyo",
      country: "Japan",
      latitude: 35.6895,
      longitude: 139.69171,
      temperatureC: 22.7,
      windSpeedKmh: 8.3,
      weatherCode: 1,
      conditions: "mainly clear",
      observedAt: "2026-05-14T09:30",
    });
  });

  it("says when a place is not found", async () => {
    expect(await runGetWeather(MISSING_PLACE)).toEqual({ ok: false, city: MISSING_PLACE, reason: `No place called "${MISSING_PLACE}" was found.` });
  });

  it(`fails with a ToolFailure naming HTTP 500 when the forecast for ${BROKEN_PLACE} breaks`, async () => {
    const failure = runGetWeather(BROKEN_PLACE);
    await expect(failure).rejects.toBeInstanceOf(ToolFailure);
    await expect(failure).rejects.toThrow("The weather service answered with HTTP 500.");
  });

  it(`stops waiting for ${SLOW_PLACE} when aborted, and the fake sees the client leave`, async () => {
    const controller = new AbortController();
    const call = runGetWeather(SLOW_PLACE, controller.signal);
    const slowRequest = () => fake.requests().find((request) => request.query.name === SLOW_PLACE);
    await vi.waitFor(() => expect(slowRequest()).toBeDefined());

    controller.abort(new Error("Stopped by the test."));

    await expect(call).rejects.toThrow("Stopped by the test.");
    await vi.waitFor(() => expect(slowRequest()).toMatchObject({ closedEarly: true, status: undefined }));
  });
});
