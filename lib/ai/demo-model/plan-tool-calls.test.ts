import { describe, expect, it } from "vitest";
import { toolDefinitions } from "@/tools";
import { CALCULATE_TOOL, MAX_PLANNED_CALLS, planToolCalls, TIME_TOOL, WEATHER_TOOL } from "./plan-tool-calls";

const allTools = new Set([WEATHER_TOOL, CALCULATE_TOOL, TIME_TOOL]);
const plan = (question: string, tools: ReadonlySet<string> = allTools) => planToolCalls(question, tools);

const weather = (city: string) => ({ toolName: WEATHER_TOOL, input: { city } });
const calculate = (expression: string) => ({ toolName: CALCULATE_TOOL, input: { expression } });
const time = (timezone: string) => ({ toolName: TIME_TOOL, input: { timezone } });

it("plans calls of the app's real tools, by their names", () => {
  expect(Object.keys(toolDefinitions)).toEqual(expect.arrayContaining([WEATHER_TOOL, CALCULATE_TOOL, TIME_TOOL]));
});

describe("planToolCalls: weather", () => {
  it.each([
    ["What's the weather in Paris and Tokyo?", [weather("Paris"), weather("Tokyo")]],
    ["weather in Paris, London and New York", [weather("Paris"), weather("London"), weather("New York")]],
    ["What's the weather like in São Paulo?", [weather("São Paulo")]],
    ["How's the weather in Berlin today", [weather("Berlin")]],
    ["What is the weather in Madrid right now?", [weather("Madrid")]],
    ["weather in Oslo tomorrow please", [weather("Oslo")]],
    ["Is it raining in London?", [weather("London")]],
    ["What's the temperature in St. Louis?", [weather("St. Louis")]],
    ["weather for paris & rome", [weather("paris"), weather("rome")]],
    ["What's the weather in Paris? And the weather in Rome?", [weather("Paris"), weather("Rome")]],
  ])("%s", (question, expected) => {
    expect(plan(question)).toEqual(expected);
  });

  it("asks once per city even when the question repeats it", () => {
    expect(plan("weather in Paris, paris and Paris")).toEqual([weather("Paris")]);
  });

  it("stops the list where another request begins", () => {
    expect(plan("What's the weather in Paris and the time in Tokyo?")).toEqual([weather("Paris"), time("Asia/Tokyo")]);
    expect(plan("What's the weather in Paris and what should I wear")).toEqual([weather("Paris")]);
    expect(plan("weather in Rome, and how are you doing")).toEqual([weather("Rome")]);
    expect(plan("weather in Oslo and tell me a joke")).toEqual([weather("Oslo")]);
  });
});

describe("planToolCalls: arithmetic", () => {
  it.each([
    ["what is 17% of 2340", [calculate("17% of 2340")]],
    ["What is 17% of 2340?", [calculate("17% of 2340")]],
    ["calculate sqrt(2)/3", [calculate("sqrt(2)/3")]],
    ["what is 2+2*3", [calculate("2+2*3")]],
    ["12 * (3 + 4)", [calculate("12 * (3 + 4)")]],
    ["How much is 15% of 80, please?", [calculate("15% of 80")]],
    ["compute max(1, 2) + 3", [calculate("max(1, 2) + 3")]],
    ["what's 17% of 2,340?", [calculate("17% of 2340")]],
    ["What is 5 km to mile?", [calculate("5 km to mile")]],
    ["what is 2+2 and 3*4", [calculate("2+2"), calculate("3*4")]],
    ["What is 12!", [calculate("12!")]],
  ])("%s", (question, expected) => {
    expect(plan(question)).toEqual(expected);
  });

  it.each(["What is the meaning of life?", "What is 42?", "I was born in 1990", "what is sqrt(2"])(
    "finds no expression in %s",
    (question) => {
      expect(plan(question)).toEqual([]);
    },
  );
});

describe("planToolCalls: time", () => {
  it.each([
    ["What time is it in Tokyo?", [time("Asia/Tokyo")]],
    ["What's the time in New York and London?", [time("America/New_York"), time("Europe/London")]],
    ["current time in sao paulo", [time("America/Sao_Paulo")]],
    ["What time is it in Europe/Berlin?", [time("Europe/Berlin")]],
    ["time in Europe/Berlin", [time("Europe/Berlin")]],
    ["time in UTC", [time("UTC")]],
    ["What time is it right now in America/Argentina/Buenos_Aires?", [time("America/Argentina/Buenos_Aires")]],
    ["What time is it in Atlantis?", [time("Atlantis")]],
    ["What time is it?", [time("UTC")]],
  ])("%s", (question, expected) => {
    expect(plan(question)).toEqual(expected);
  });

  it("does not read a programming language as a place", () => {
    expect(plan("Write a sort that runs in linear time in Python")).toEqual([]);
  });
});

describe("planToolCalls: combined and edge cases", () => {
  it("plans exactly three calls for weather in two cities and a percentage", () => {
    expect(plan("What's the weather in Paris and Tokyo, and what is 17% of 2340?")).toEqual([
      weather("Paris"),
      weather("Tokyo"),
      calculate("17% of 2340"),
    ]);
  });

  it("keeps the order of the question", () => {
    expect(plan("What is 2*21 and what time is it in Tokyo, and the weather in Lima?")).toEqual([
      calculate("2*21"),
      time("Asia/Tokyo"),
      weather("Lima"),
    ]);
  });

  it("plans only tools that are available", () => {
    const question = "What's the weather in Paris and Tokyo, and what is 17% of 2340?";
    expect(plan(question, new Set([CALCULATE_TOOL]))).toEqual([calculate("17% of 2340")]);
    expect(plan(question, new Set())).toEqual([]);
  });

  it(`plans at most ${MAX_PLANNED_CALLS} calls`, () => {
    const cities = Array.from({ length: 12 }, (_, index) => `City${"abcdefghijkl"[index]}`);
    expect(plan(`weather in ${cities.join(", ")}`)).toHaveLength(MAX_PLANNED_CALLS);
  });

  it("never plans half a city name when a very long list is cut", () => {
    const cities = Array.from({ length: 10 }, (_, index) => `Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch ${"abcdefghij"[index]}`);
    const planned = plan(`weather in ${cities.join(", ")}`);
    expect(planned.length).toBeGreaterThan(0);
    for (const call of planned) expect(cities).toContain(call.input.city);
  });

  it.each([
    ["repeated triggers", "what is ".repeat(4_000)],
    ["repeated weather anchors", "weather in ".repeat(2_900)],
    ["repeated time anchors", "the time in ".repeat(2_600)],
  ])("plans a hostile 32,000-character message in linear time: %s", (_name, question) => {
    const startedAt = performance.now();
    expect(plan(question.slice(0, 32_000))).toEqual([]);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it.each([
    "hello",
    "Hi there!",
    "Write a TypeScript function that reverses a string",
    "Tell me a joke about the weather",
    "What's the weather?",
    "",
  ])("plans no call for %j", (question) => {
    expect(plan(question)).toEqual([]);
  });
});
