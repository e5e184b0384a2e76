import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { AnswerContent } from "./pages/answer-content";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// Answers that read well: math typeset by KaTeX and code in colour, while the answer streams and
// after a reload, with nothing of the markup's syntax flashing on screen in between.

const code = 'export function area(radius: number): number {\n  return Math.PI * radius ** 2; // "πr²"\n}';

/** The answer in the pieces a model streams: formulas and a fence arrive over several deltas. */
const deltas = [
  "The area of a circle is ",
  "$A = ",
  "\\pi r^2$",
  ", and the roots of a quadratic are\n\n",
  "$$\n",
  "x = \\frac{-b \\pm ",
  "\\sqrt{b^2 - 4ac}}{2a}\n",
  "$$\n\n",
  "In code:\n\n",
  "```typescript\n",
  ...code.split(/(?<=\n)/),
  "\n```\n\n",
  // A tail that takes a few seconds, so the checks above run while the answer still streams.
  ...Array.from({ length: 40 }, (_, index) => `word${index} `),
  "THE END.",
];

/** Records every text the answer shows while it streams, to check none shows raw markup. */
async function recordAnswerTexts(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __answerTexts: string[] }).__answerTexts = seen;
    new MutationObserver(() => {
      const answers = document.querySelectorAll('[data-testid="message"][data-role="assistant"] [data-testid="message-text"]');
      const text = answers[answers.length - 1]?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test("math and code render while the answer streams and after a reload, and a code block copies exactly", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: deltas, tokenDelayMs: 80 }] });
  const chat = new ChatPage(page);
  await chat.open(baseUrlOf("openaiChat"));
  await recordAnswerTexts(page);
  await chat.send(`${scenario.marker} What is the area of a circle?`);

  const answer = new AnswerContent(chat.lastAssistantMessage());
  // While it streams: the formulas are typeset and the code coloured before the answer is done.
  await expect(answer.math).toHaveCount(2);
  await expect(answer.displayMath.locator(".katex-display")).toBeVisible();
  await expect(answer.highlightedCode.locator(".hljs-keyword").first()).toBeVisible();
  await expect(chat.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");

  await chat.waitForAnswerToFinish();
  const shown = await page.evaluate(() => (window as unknown as { __answerTexts: string[] }).__answerTexts);
  expect(shown.length).toBeGreaterThan(10);
  for (const text of shown) {
    expect(text).not.toContain("$$");
    expect(text).not.toContain("```");
  }
  await expect(answer.mathSource).toHaveCount(0);

  // A keyword is drawn in another colour than the code around it.
  const colours = await answer.highlightedCode.evaluate((element) => ({
    code: getComputedStyle(element).color,
    keyword: getComputedStyle(element.querySelector(".hljs-keyword") as Element).color,
  }));
  expect(colours.keyword).not.toBe(colours.code);

  // Copy, from the keyboard: the code exactly as written, and the button says so.
  await answer.copyCodeButtons.first().focus();
  await page.keyboard.press("Enter");
  await expect(answer.copyCodeButtons.first()).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // After a reload: the stored answer, typeset and coloured again.
  await page.reload();
  const reloaded = new AnswerContent(chat.lastAssistantMessage());
  await expect(reloaded.math).toHaveCount(2);
  await expect(reloaded.displayMath.locator(".katex-display")).toBeVisible();
  await expect(reloaded.highlightedCode.locator(".hljs-keyword").first()).toBeVisible();
  const text = await reloaded.text();
  expect(text).toContain("THE END.");
  expect(text).not.toContain("$$");
  expect(text).not.toContain("```");
});

test("the demo model's math answer typesets inline and display formulas in every notation", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Show me a math formula");
  await chat.waitForAnswerToFinish();
  const answer = new AnswerContent(chat.lastAssistantMessage());
  // $…$ (6), \(…\) (1), $$…$$ and \[…\] (display, 2).
  await expect(answer.math).toHaveCount(9);
  await expect(answer.displayMath).toHaveCount(2);
  await expect(answer.highlightedCode).toHaveCount(1);
  expect(await answer.text()).not.toMatch(/\$|\\\(|\\\[/);
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["a 375 px phone", { width: 375, height: 740 }],
  ] as const) {
    test.describe(`math and code in the ${colorScheme} theme on ${device}`, () => {
      test.use({ colorScheme, viewport });

      test("an answer with formulas and code has no serious or critical accessibility violations", async ({ page }) => {
        const chat = new ChatPage(page);
        await chat.open();
        await chat.send("What is the quadratic formula?");
        await chat.waitForAnswerToFinish();
        const answer = new AnswerContent(chat.lastAssistantMessage());
        await expect(answer.displayMath).toHaveCount(2);
        await expect(answer.highlightedCode).toHaveCount(1);
        const results = await new AxeBuilder({ page }).include('[data-testid="message-list"]').analyze();
        const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
        expect(serious.map(({ id, help, nodes }) => ({ id, help, targets: nodes.map((node) => node.target.join(" ")) }))).toEqual([]);
      });
    });
  }
}
