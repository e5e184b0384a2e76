import { describe, expect, it } from "vitest";
import { composeAnswer, type ToolOutcome } from "./compose-answer";

const parisWeather: ToolOutcome = {
  toolName: "getWeather",
  input: { city: "Paris" },
  output: {
    type: "json",
    value: {
      ok: true,
      city: "Paris",
      country: "France",
      latitude: 48.85,
      longitude: 2.35,
      temperatureC: 18.34,
      windSpeedKmh: 11.04,
      weatherCode: 2,
      conditions: "partly cloudy",
      observedAt: "2026-11-21T14:00",
    },
  },
};

const percentage: ToolOutcome = {
  toolName: "calculate",
  input: { expression: "17% of 2340" },
  output: { type: "json", value: { ok: true, expression: "17% of 2340", result: "397.8" } },
};

const tokyoTime: ToolOutcome = {
  toolName: "getCurrentTime",
  input: { timezone: "Asia/Tokyo" },
  output: {
    type: "json",
    value: {
      ok: true,
      timezone: "Asia/Tokyo",
      localTime: "2026-11-21T22:05:00+09:00",
      formatted: "Saturday 21 November 2026 at 22:05",
      utcOffset: "+09:00",
    },
  },
};

describe("composeAnswer", () => {
  it("states each result with its facts, one list item per call", () => {
    const answer = composeAnswer("weather in Paris, 17% of 2340 and the time in Tokyo", [parisWeather, percentage, tokyoTime]);
    expect(answer).toContain("- **Paris, France**: 18.3 °C, partly cloudy, wind 11 km/h");
    expect(answer).toContain("- **17% of 2340** = 397.8");
    expect(answer).toContain("- **Tokyo** (Asia/Tokyo): Saturday 21 November 2026 at 22:05 (UTC+09:00)");
    expect(answer.split("\n")[0]).toBe(
      "I checked the weather in Paris, worked out 17% of 2340, and looked up the time in Tokyo:",
    );
    expect(answer).not.toMatch(/failed|couldn't/);
  });

  it("joins two kinds of lookups with a plain “and”", () => {
    expect(composeAnswer("weather in Paris and 17% of 2340", [parisWeather, percentage]).split("\n")[0]).toBe(
      "I checked the weather in Paris and worked out 17% of 2340:",
    );
  });

  it("names the place the question asked about when several share a zone", () => {
    const sanFrancisco: ToolOutcome = {
      toolName: "getCurrentTime",
      input: { timezone: "America/Los_Angeles" },
      output: {
        type: "json",
        value: { ok: true, timezone: "America/Los_Angeles", localTime: "", formatted: "Saturday 21 November 2026 at 05:05", utcOffset: "-08:00" },
      },
    };
    const answer = composeAnswer("What time is it in San Francisco?", [sanFrancisco]);
    expect(answer).toContain("**San Francisco** (America/Los\\_Angeles): Saturday 21 November 2026 at 05:05 (UTC-08:00)");
  });

  it("describes an expected failure with the tool's reason", () => {
    const atlantis: ToolOutcome = {
      toolName: "getWeather",
      input: { city: "Atlantis" },
      output: { type: "json", value: { ok: false, city: "Atlantis", reason: 'No place called "Atlantis" was found.' } },
    };
    const answer = composeAnswer("weather in Atlantis", [atlantis]);
    expect(answer).toContain('- **Atlantis**: I couldn\'t get the weather — No place called "Atlantis" was found.');
    expect(answer).toContain("None of the lookups worked");
  });

  it("describes a tool error without the error's class name, and keeps the other results", () => {
    const tokyo: ToolOutcome = {
      toolName: "getWeather",
      input: { city: "Tokyo" },
      output: { type: "error-text", value: "ToolFailure: The weather service answered with HTTP 500." },
    };
    const answer = composeAnswer("weather in Paris and Tokyo", [parisWeather, tokyo]);
    expect(answer).toContain("- **Tokyo**: I couldn't get the weather — The weather service answered with HTTP 500.");
    expect(answer).toContain("**Paris, France**: 18.3 °C");
    expect(answer).toContain("One lookup failed");
  });

  it("describes a timeout", () => {
    const slow: ToolOutcome = {
      toolName: "calculate",
      input: { expression: "10000!" },
      output: { type: "error-text", value: "ToolTimeoutError: The tool did not answer within 2 s and was stopped." },
    };
    expect(composeAnswer("what is 10000!", [slow])).toContain(
      "- **10000!**: I couldn't calculate it — The tool did not answer within 2 s and was stopped.",
    );
  });

  it("describes error JSON by its message", () => {
    const failed: ToolOutcome = {
      toolName: "getCurrentTime",
      input: { timezone: "Asia/Tokyo" },
      output: { type: "error-json", value: { message: "The clock service is down." } },
    };
    expect(composeAnswer("time in Tokyo", [failed])).toContain("- **Tokyo**: I couldn't get the time — The clock service is down.");
  });

  it("describes a truncated result with the runtime's note", () => {
    const truncated: ToolOutcome = {
      toolName: "getWeather",
      input: { city: "Paris" },
      output: {
        type: "json",
        value: { truncated: true, preview: '{"ok":true,', originalChars: 9000, note: "The result was 9000 characters long and was truncated to the first 4000." },
      },
    };
    expect(composeAnswer("weather in Paris", [truncated])).toContain(
      "- **Paris**: the result was too long and was cut off — The result was 9000 characters long and was truncated to the first 4000.",
    );
  });

  it("describes a denied execution and a call without a result", () => {
    const denied: ToolOutcome = {
      toolName: "getWeather",
      input: { city: "Paris" },
      output: { type: "execution-denied", reason: "The user declined." },
    };
    const missing: ToolOutcome = { toolName: "calculate", input: { expression: "2+2" }, output: undefined };
    const answer = composeAnswer("weather in Paris, 2+2 and 17% of 2340", [denied, missing, percentage]);
    expect(answer).toContain("- **Paris**: the weather lookup was not allowed — The user declined.");
    expect(answer).toContain("- **2+2**: I couldn't calculate it — no result arrived.");
    expect(answer).toContain("2 lookups failed");
  });

  it("escapes Markdown in expressions and tool text", () => {
    const product: ToolOutcome = {
      toolName: "calculate",
      input: { expression: "2*3*4" },
      output: { type: "json", value: { ok: true, expression: "2*3*4", result: "24" } },
    };
    expect(composeAnswer("what is 2*3*4", [product])).toContain("- **2\\*3\\*4** = 24");
  });

  it("shows results of tools it does not know as they are", () => {
    const other: ToolOutcome = { toolName: "getStockPrice", input: { symbol: "ACME" }, output: { type: "json", value: { price: 12.5 } } };
    expect(composeAnswer("price of ACME", [other])).toContain('- **getStockPrice**: {"price":12.5}');
  });

  it("still answers when no result came back at all", () => {
    expect(composeAnswer("weather in Paris", [])).toMatch(/no results came back/);
  });
});
