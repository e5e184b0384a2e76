import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";

// Arithmetic that costs seconds of CPU, typed by a user to the demo model: it runs beside the
// server, not in it, and stops at the tool's timeout.

test.describe("a calculation that would take seconds", () => {
  let chat: ChatPage;

  test.beforeEach(async ({ page }) => {
    chat = new ChatPage(page);
    await chat.open();
  });

  test("is stopped at its timeout while the server keeps answering", async ({ request }) => {
    await chat.send("Calculate combinations(1e7, 1e6)");
    const chip = chat.chips("calculate");
    await expect(chip).toHaveAttribute("data-state", "running");

    const health = await request.get("/api/health");
    expect(health.ok()).toBe(true);
    await expect(chip).toHaveAttribute("data-state", "running");

    await expect(chip).toHaveAttribute("data-state", "timeout");
    await expect(chip).toContainText(/did not answer within 2 s/);
    await chat.waitForAnswerToFinish();
  });

  test("that failed inside the math library leaves the next calculation correct", async () => {
    await chat.send("Calculate sin(1e1000000)");
    await chat.waitForAnswerToFinish();
    await expect(chat.chips("calculate")).toHaveAttribute("data-state", "no-result");
    await expect(chat.chips("calculate")).toContainText(/too large to compute exactly/);

    await chat.send("Calculate sqrt(2)");
    await chat.waitForAnswerToFinish();
    await expect(chat.chips("calculate").and(chat.chipsInState("done"))).toHaveCount(1);
    expect(await chat.lastAnswerText()).toContain("1.4142135623731");
  });
});
