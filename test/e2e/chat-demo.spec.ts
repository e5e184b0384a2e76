import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";

// The demo model (no API key) on the production build, with the fake Open-Meteo behind the tools.
// Each spec asks about cities no other spec uses: weather results are cached per server.

test.describe("chat with the offline demo model", () => {
  let chat: ChatPage;

  test.beforeEach(async ({ page }) => {
    chat = new ChatPage(page);
    await chat.open();
  });

  test("the answer streams in: its text grows over time and ends with the expected words", async () => {
    await expect(chat.chosenModel).toHaveText(/Demo model \(offline\)/);
    await chat.recordAnswerLengths();
    await chat.send("Write a TypeScript function that reverses a string");
    await chat.waitForAnswerToFinish();

    const lengths = await chat.recordedAnswerLengths();
    const final = lengths.at(-1) ?? 0;
    const intermediate = new Set(lengths.filter((length) => length > 0 && length < final));
    expect(intermediate.size).toBeGreaterThanOrEqual(2);

    const answer = chat.lastAssistantMessage();
    await expect(answer.locator("pre code")).toContainText("function reverse");
    expect(await chat.lastAnswerText()).toMatch(/reverse/i);
  });

  test("weather in two cities: two chips run at the same time, both finish, the answer covers both", async () => {
    await chat.send("What's the weather in Paris and Tokyo, and what is 17% of 2340?");

    const weatherChips = chat.chips("getWeather");
    await expect(weatherChips).toHaveCount(2);
    await expect(weatherChips.and(chat.chipsInState("running"))).toHaveCount(2);

    await chat.waitForAnswerToFinish();
    await expect(weatherChips.and(chat.chipsInState("done"))).toHaveCount(2);
    await expect(chat.chips("calculate").and(chat.chipsInState("done"))).toHaveCount(1);
    await expect(chat.chips("getWeather").first()).toContainText("Paris");

    const answer = await chat.lastAnswerText();
    expect(answer).toContain("Paris");
    expect(answer).toContain("Tokyo");
    expect(answer).toContain("397.8");
  });

  test("a weather API failure shows a failed chip, and the answer still arrives", async () => {
    await chat.send("What's the weather in Brokenville?");
    const chip = chat.chips("getWeather");
    await expect(chip).toHaveAttribute("data-state", "failed");
    await expect(chip).toContainText("HTTP 500");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("Brokenville");
  });

  test("a tool slower than TOOL_TIMEOUT_MS shows a timed-out chip, and the answer still arrives", async () => {
    await chat.send("What's the weather in Slowtown?");
    const chip = chat.chips("getWeather");
    await expect(chip).toHaveAttribute("data-state", "running");
    await expect(chip).toHaveAttribute("data-state", "timeout");
    await expect(chip).toContainText(/did not answer within 2 s/);
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("Slowtown");
  });

  test("Stop halts the stream and the chat is usable again", async () => {
    await chat.recordAnswerLengths();
    await chat.send("Write a TypeScript function that reverses a string");
    const stopped = chat.assistantMessages().first();
    await expect.poll(async () => (await chat.recordedAnswerLengths()).at(-1) ?? 0).toBeGreaterThan(0);

    await chat.stopButton.click();
    await expect(chat.sendButton).toBeVisible();
    const lengthAtStop = (await stopped.getByTestId("message-text").allInnerTexts()).join("").length;

    await chat.send("What is 2 + 3?");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("5");
    // Had the first answer kept streaming, it would have grown while the second one was answered.
    const lengthAfter = (await stopped.getByTestId("message-text").allInnerTexts()).join("").length;
    expect(lengthAfter).toBe(lengthAtStop);
    await expect(chat.messages).toHaveCount(4);
  });
});
