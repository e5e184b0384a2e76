import { expect, test } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// A stopped answer's chips read the same after a reload as they did when it stopped: the call that
// was running, the one that had finished, and the calls that had not started because the model was
// still writing them (through the real OpenAI provider and the fake OpenAI server).

/** A sum long enough that its input is still streaming when the test presses Stop. */
const longSum = Array.from({ length: 200 }, (_, index) => index + 1).join(" + ");

test("Stop during tool calls: every chip reads the same after a reload", async ({ page }, testInfo) => {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      // First answer: one call finishes at once, the other runs until Stop.
      { type: "tool-calls", calls: [{ name: "getWeather", arguments: { city: "Slowtown" } }, { name: "getCurrentTime", arguments: { timezone: "Asia/Tokyo" } }] },
      // Second answer: Stop while the model still writes its calls: the first one's input is all there, the second's still arriving.
      {
        type: "tool-calls",
        calls: [{ name: "getCurrentTime", arguments: { timezone: "Europe/Paris" } }, { name: "calculate", arguments: { expression: longSum } }],
        tokenDelayMs: 60,
      },
    ],
  });
  const chat = new ChatPage(page);
  await chat.open(baseUrlOf("openaiChat"));

  await chat.send(`${scenario.marker} Weather in Slowtown, and the time in Tokyo?`);
  await expect(chat.chips("getCurrentTime")).toHaveAttribute("data-state", "done");
  await expect(chat.chips("getWeather")).toHaveAttribute("data-state", "running");
  await chat.stopButton.click();
  await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
  // Stopped while it ran; on a machine slow enough that Stop lands after the tool's 2 s timeout, it
  // timed out first. Either way it reads the same after the reload.
  await expect(chat.chips("getWeather")).toHaveAttribute("data-state", /^(stopped|timeout)$/);

  await chat.send("And the time in Paris, and a long sum?");
  const clock = chat.chips("getCurrentTime").nth(1);
  // Live, each chip shows its input as it arrives.
  await expect(clock).toContainText("Europe/Paris");
  await expect(clock).toHaveAttribute("data-state", "waiting");
  await expect(chat.chips("calculate")).toContainText("1 + 2");
  await chat.stopButton.click();
  await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
  await expect(clock).toHaveAttribute("data-state", "stopped");

  const shownLive = await chat.chipsAsShown();
  expect(shownLive.map(({ tool, state }) => [tool, state])).toEqual([
    ["getWeather", expect.stringMatching(/^(stopped|timeout)$/)],
    ["getCurrentTime", "done"],
    ["getCurrentTime", "stopped"],
    ["calculate", "stopped"],
  ]);
  // The sum had begun to arrive, and had not all arrived.
  expect(shownLive[3]?.text).toContain("1 + 2");
  expect(shownLive[3]?.text).not.toContain(" 200");
  await page.screenshot({ path: testInfo.outputPath("stopped-live.png"), fullPage: true });

  await page.reload();
  await expect(chat.assistantMessages()).toHaveCount(2);
  await expect(chat.messageStatus(chat.assistantMessages().first())).toHaveAttribute("data-status", "stopped");
  expect(await chat.chipsAsShown()).toEqual(shownLive);
  await page.screenshot({ path: testInfo.outputPath("stopped-reloaded.png"), fullPage: true });
});
