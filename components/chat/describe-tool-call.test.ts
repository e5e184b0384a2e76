import { describe, expect, it } from "vitest";
import { describeToolInput, summarizeToolOutput, toolLabel } from "./describe-tool-call";

describe("describing a tool call", () => {
  it("labels known tools and falls back to the name", () => {
    expect(toolLabel("getWeather")).toBe("Weather");
    expect(toolLabel("calculate")).toBe("Calculator");
    expect(toolLabel("getCurrentTime")).toBe("Time");
    expect(toolLabel("searchDocs")).toBe("searchDocs");
    expect(toolLabel("toString")).toBe("toString");
  });

  it("labels an MCP server's tool by its own name (the chip shows the server beside it)", () => {
    expect(toolLabel("everything__get-sum")).toBe("get-sum");
    expect(describeToolInput("everything__echo", { message: "hi" })).toBe("hi");
  });

  it("shows the main input, also of unknown tools and partial inputs", () => {
    expect(describeToolInput("getWeather", { city: "Paris" })).toBe("Paris");
    expect(describeToolInput("calculate", { expression: "17% of 2340" })).toBe("17% of 2340");
    expect(describeToolInput("getCurrentTime", {})).toBeUndefined();
    expect(describeToolInput("searchDocs", { limit: 3, query: "streaming" })).toBe("streaming");
    expect(describeToolInput("getWeather", undefined)).toBeUndefined();
  });

  it("summarises successful results in one line", () => {
    expect(
      summarizeToolOutput("getWeather", {
        ok: true,
        city: "Paris",
        country: "France",
        latitude: 48.85,
        longitude: 2.35,
        temperatureC: 18.3,
        windSpeedKmh: 9,
        weatherCode: 2,
        conditions: "partly cloudy",
        observedAt: "2026-11-21T14:00",
      }),
    ).toBe("Paris, France · 18.3 °C, partly cloudy");
    expect(summarizeToolOutput("calculate", { ok: true, expression: "17% of 2340", result: "397.8" })).toBe("17% of 2340 = 397.8");
    expect(
      summarizeToolOutput("getCurrentTime", {
        ok: true,
        timezone: "Asia/Tokyo",
        localTime: "2026-11-21T14:05:00+09:00",
        formatted: "Saturday, 21 November 2026, 14:05",
        utcOffset: "+09:00",
      }),
    ).toBe("Tokyo: Saturday, 21 November 2026, 14:05");
  });

  it("gives no summary for failures, unknown tools or unexpected shapes", () => {
    expect(summarizeToolOutput("calculate", { ok: false, expression: "1/0", reason: "x" })).toBeUndefined();
    expect(summarizeToolOutput("searchDocs", { ok: true })).toBeUndefined();
    expect(summarizeToolOutput("getWeather", { ok: true })).toBeUndefined();
  });
});
