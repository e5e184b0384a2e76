import { expect, test } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// A reasoning model through an OpenAI-compatible server (DeepSeek's `reasoning_content`): its
// thoughts stream into a Thinking block that closes when the answer starts, and come back the same
// after a reload.

const reasoning =
  "The user asks about the sky. Rayleigh scattering makes shorter wavelengths scatter more, so blue light fills the sky. I will say that briefly.";
const answer = "The sky is blue because air scatters blue light more than red.";

test("the model's thinking streams live, closes when the answer starts, and is there after a reload", async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto(baseUrlOf("openaiChat"));
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [{ type: "text", reasoning, text: answer, tokenDelayMs: 60, wire: { reasoningField: "reasoning_content" } }],
  });
  await chat.send(`${scenario.marker} Why is the sky blue?`);

  const thinking = chat.lastAssistantMessage().getByTestId("thinking");
  await expect(thinking).toHaveAttribute("data-state", "live");
  await expect(thinking.getByTestId("thinking-label")).toHaveText("Thinking…");
  await expect(thinking.getByTestId("thinking-text")).toContainText("Rayleigh scattering");
  await expect(thinking.getByRole("button")).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: test.info().outputPath("thinking-live.png") });

  // The answer starts: the block closes and says how long the model thought.
  await expect(chat.lastAssistantMessage().getByTestId("message-text")).toContainText("The sky is blue");
  await expect(thinking).toHaveAttribute("data-state", "done");
  await expect(thinking.getByTestId("thinking-label")).toHaveText(/^Thought for \d+(\.\d)? s$/);
  await expect(thinking.getByTestId("thinking-text")).toBeHidden();
  await chat.waitForAnswerToFinish();
  const label = await thinking.getByTestId("thinking-label").innerText();

  await thinking.getByRole("button").click();
  await expect(thinking.getByTestId("thinking-text")).toHaveText(reasoning);
  await thinking.getByRole("button").click();
  await page.screenshot({ path: test.info().outputPath("thought-for.png") });

  await page.reload();
  const reloaded = chat.lastAssistantMessage().getByTestId("thinking");
  await expect(reloaded).toHaveAttribute("data-state", "done");
  await expect(reloaded.getByTestId("thinking-label")).toHaveText(label);
  await expect(reloaded.getByTestId("thinking-text")).toBeHidden();
  await reloaded.getByRole("button").click();
  await expect(reloaded.getByTestId("thinking-text")).toHaveText(reasoning);
  expect(await chat.lastAnswerText()).toBe(answer);
});

test("an answer that is all thinking, cut at the model's output limit, shows its thinking and says why it stopped", async ({ page }) => {
  const chat = new ChatPage(page);
  await page.goto(baseUrlOf("openaiChat"));
  // Ollama's shape: reasoning in `reasoning`, no text, finish_reason "length", no usage.
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [{ type: "text", reasoning, text: "", finishReason: "length", wire: { reasoningField: "reasoning", usage: "never" } }],
  });
  await chat.send(`${scenario.marker} Think it through`);
  await chat.waitForAnswerToFinish();

  const answer = chat.lastAssistantMessage();
  await expect(answer.getByTestId("thinking")).toHaveAttribute("data-state", "done");
  await expect(answer.getByTestId("message-text")).toHaveCount(0);
  await expect(answer.getByTestId("length-note")).toHaveText("The model stopped here: it reached the most it may write in one answer.");
  await page.reload();
  await expect(answer.getByTestId("length-note")).toBeVisible();
  await answer.getByTestId("thinking").getByRole("button").click();
  await expect(answer.getByTestId("thinking-text")).toHaveText(reasoning);
});
