import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ApiKeysPage } from "./pages/api-keys-page";
import { ChatPage } from "./pages/chat-page";
import { FindDialog } from "./pages/find-dialog";
import { Sidebar } from "./pages/sidebar";
import { addSessionCookie, oidcBaseUrl } from "./support/sign-in";

// An axe scan of the chat with messages, tool chips (done, expanded, failed) and code, of the API
// keys page, and of the sign-in pages and the signed-in sidebar: in both themes, on a desktop and
// on a 375 px phone.
// The themes come from the device's setting here; the last test chooses one with the theme switch.

const devices = {
  desktop: { viewport: { width: 1280, height: 720 } },
  phone: { viewport: { width: 375, height: 812 }, hasTouch: true },
};

/** Each run asks for other cities, so no chip is answered from the tool cache. */
const citiesOf = {
  "light desktop": "London and Madrid",
  "dark desktop": "New York and Rome",
  "light phone": "Berlin and Cairo",
  "dark phone": "Sydney and Toronto",
} as const;

for (const colorScheme of ["light", "dark"] as const) for (const device of ["desktop", "phone"] as const) {
  test.describe(`accessibility in the ${colorScheme} theme on a ${device}`, () => {
    test.use({ colorScheme, ...devices[device] });

    test("the empty chat has no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await expect(page.getByTestId("empty-state")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a conversation with tool chips and code has no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await chat.send(`What's the weather in ${citiesOf[`${colorScheme} ${device}`]} and Brokenville, and what is 2^10?`);
      await chat.waitForAnswerToFinish();
      await expect(chat.chipsInState("done")).toHaveCount(3);
      await expect(chat.chipsInState("failed")).toHaveCount(1);
      await chat.chipsInState("done").first().getByTestId("tool-chip-toggle").click();
      await expect(chat.chipsInState("done").first().getByTestId("tool-chip-result")).toBeVisible();
      await chat.send("Write a Python function that reverses a string");
      await chat.waitForAnswerToFinish();
      await expect(chat.lastAssistantMessage().locator("pre")).toContainText("def ");

      expect(await seriousViolations(page)).toEqual([]);
    });

    test("Find with results has no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      const find = new FindDialog(page);
      await chat.open();
      await chat.send("What is 6 * 7?");
      await chat.waitForAnswerToFinish();
      await find.openWithShortcut();
      await find.type("what is");
      await expect(find.marked((await find.results.first().getAttribute("data-chat-id")) ?? "").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await expect(find.dialog).toBeHidden();
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

    test("the API keys page, with a new key's secret and the revoke dialog, has no serious or critical violations", async ({ page }) => {
      const keys = new ApiKeysPage(page);
      await keys.open();
      const name = `Accessibility ${colorScheme} ${device} ${crypto.randomUUID().slice(0, 8)}`;
      await keys.create(name);
      await keys.createButton.click();
      await expect(keys.createError).not.toBeEmpty();
      expect(await seriousViolations(page), "a new key and a refused name").toEqual([]);

      await keys.keyNamed(name).getByTestId("revoke-api-key").click();
      await expect(keys.cancelRevoke).toBeFocused();
      expect(await seriousViolations(page), "the revoke dialog").toEqual([]);
      await keys.confirmRevoke.click();
      await expect(keys.keyNamed(name)).toHaveCount(0);
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
      // On a phone the sidebar is a drawer: scanned open.
      if (device === "phone") await new Sidebar(page).openButton.click();
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      expect(await seriousViolations(page), "/ signed in").toEqual([]);
    });
  });
}

for (const [device, options] of Object.entries(devices)) {
  test.describe(`accessibility with a theme chosen in the switch on a ${device}`, () => {
    test.use({ colorScheme: "light", ...options });

    test("Dark on a light device, and Light on a dark one, have no serious or critical violations", async ({ page }) => {
      const chat = new ChatPage(page);
      const sidebar = new Sidebar(page);
      await chat.open();
      await chat.send("Write a Rust function that reverses a string");
      await chat.waitForAnswerToFinish();
      if (device === "phone") await sidebar.openButton.click();
      await sidebar.themeOption("dark").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      expect(await seriousViolations(page), "Dark on a light device").toEqual([]);

      await page.emulateMedia({ colorScheme: "dark" });
      await sidebar.themeOption("light").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
      expect(await seriousViolations(page), "Light on a dark device").toEqual([]);
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
