import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { addSessionCookie, oidcBaseUrl } from "./support/sign-in";

// An axe scan of the chat with messages and tool chips (done, expanded, failed), and of the
// sign-in pages and the signed-in sidebar, in both themes.

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("the empty chat has no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await expect(page.getByTestId("empty-state")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a conversation with tool chips has no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      const cities = colorScheme === "light" ? "London and Madrid" : "New York and Rome";
      await chat.send(`What's the weather in ${cities} and Brokenville, and what is 2^10?`);
      await chat.waitForAnswerToFinish();
      await expect(chat.chipsInState("done")).toHaveCount(3);
      await expect(chat.chipsInState("failed")).toHaveCount(1);
      await chat.chipsInState("done").first().getByTestId("tool-chip-toggle").click();
      await expect(chat.chipsInState("done").first().getByTestId("tool-chip-result")).toBeVisible();

      expect(await seriousViolations(page)).toEqual([]);
    });

    test("an answer's actions, rated and asking what was wrong, have no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await chat.send("What is 12 squared?");
      await chat.waitForAnswerToFinish();
      await chat.rateAnswer(chat.lastAssistantMessage(), "down");
      await expect(chat.lastAssistantMessage().getByTestId("feedback-note-input")).toBeFocused();
      await page.screenshot({ path: test.info().outputPath(`actions-${colorScheme}.png`) });

      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the sign-in pages and the signed-in sidebar have no serious or critical violations", async ({ page, context }) => {
      for (const [path, testId] of [
        ["/auth/error?reason=cancelled", "sign-in-error"],
        ["/auth/signed-out", "signed-out"],
      ] as const) {
        await page.goto(`${oidcBaseUrl}${path}`);
        await expect(page.getByTestId(testId)).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await addSessionCookie(context, "mallory");
      await page.goto(`${oidcBaseUrl}/auth/denied`);
      await expect(page.getByTestId("access-denied")).toBeVisible();
      expect(await seriousViolations(page), "/auth/denied").toEqual([]);

      await addSessionCookie(context, "alice");
      await page.goto(`${oidcBaseUrl}/`);
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      expect(await seriousViolations(page), "/ signed in").toEqual([]);
    });
  });
}

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}
