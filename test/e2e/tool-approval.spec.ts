import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { readChatStream } from "@/test/support/read-chat-stream";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { createApiKey } from "./support/api-keys";
import { baseServerEnv, dataDirOf } from "./servers";

// A server on which every calculation waits for the user's approval, signed by the server: nothing
// runs before Approve; Deny tells the model, which answers; a reload keeps the call waiting; an
// approval the server did not sign is refused. Through the /v1 API (the official `openai` client),
// the call comes back waiting, the browser shows it waiting too, and the client's next request decides.

const port = 3118;
let server: NextServer;

// One server for the file: its tests run in one worker, in order (a failure skips none).
test.describe.configure({ mode: "default" });

test.beforeAll(async () => {
  server = await startNextServer({
    port,
    dataDir: dataDirOf("tool-approval"),
    env: { ...baseServerEnv, TOOL_APPROVAL: '{"calculate":"always"}', TOOL_APPROVAL_SECRET: "e2e-tool-approval-secret-32-bytes-long" },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Asks for a calculation; the answer ends with the call waiting for approval, showing its input. */
async function askForCalculation(page: Page, question: string) {
  const chat = new ChatPage(page);
  await chat.open(server.url);
  await chat.send(question);
  await chat.waitForAnswerToFinish();
  const chip = chat.chips("calculate");
  await expect(chip).toHaveAttribute("data-state", "approval");
  await expect(chip.getByTestId("tool-chip-input")).toContainText('"expression"');
  return { chat, chip };
}

test.describe("tool approval", () => {
  test("Approve (by keyboard) runs the call, and the same answer goes on with its result", async ({ page }) => {
    const { chat, chip } = await askForCalculation(page, "What is 2 + 3?");
    // Nothing ran: no result, no time.
    await expect(chip.getByTestId("tool-chip-elapsed")).toHaveCount(0);
    await chip.getByRole("button", { name: "Approve Calculator" }).focus();
    await page.keyboard.press("Enter");

    await expect(chip).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("5");
    await expect(chat.assistantMessages()).toHaveCount(1);
    await expect(chip.getByTestId("tool-chip-approve")).toHaveCount(0);
  });

  test("Deny tells the model, which answers without the result", async ({ page }) => {
    const { chat, chip } = await askForCalculation(page, "What is 6 * 7?");
    await chip.getByRole("button", { name: "Deny Calculator" }).click();

    await expect(chip).toHaveAttribute("data-state", "denied");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toMatch(/not allowed/);
    expect(await chat.lastAnswerText()).not.toContain("42");
  });

  test("a reload while the call waits shows it waiting still, and Approve then runs it", async ({ page }) => {
    const { chat } = await askForCalculation(page, "What is 9 + 10?");
    const chatUrl = page.url();

    await chat.openStoredChat(chatUrl);
    const chip = chat.chips("calculate");
    await expect(chip).toHaveAttribute("data-state", "approval");
    await expect(chip.getByTestId("tool-chip-input")).toContainText("9 + 10");
    // The waiting chip, its input and its buttons pass an accessibility scan.
    const scan = await new AxeBuilder({ page }).include('[data-testid="tool-chip"]').analyze();
    expect(scan.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
    await chip.getByTestId("tool-chip-approve").click();

    await expect(chip).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("19");
  });

  test("a decision another device made first: Deny here is refused, shown, and the call shows as it ran", async ({ page, browser, request }) => {
    const { chat, chip } = await askForCalculation(page, "What is 4 + 4?");
    // The same chat on another device (its own browser: no tab channel tells it), waiting there too.
    const otherDevice = await browser.newContext();
    const other = new ChatPage(await otherDevice.newPage());
    await other.openStoredChat(page.url());
    const otherChip = other.chips("calculate");
    await expect(otherChip).toHaveAttribute("data-state", "approval");

    await chip.getByTestId("tool-chip-approve").click();
    await expect(chip).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();

    await otherChip.getByTestId("tool-chip-deny").click();
    await expect(other.errorBanner).toContainText("Not sent. This answer was already decided");
    await expect(otherChip).toHaveAttribute("data-state", "done");
    await expect(otherChip.getByTestId("tool-chip-deny")).toHaveCount(0);
    expect(await other.lastAnswerText()).toContain("8");
    await expect(other.assistantMessages()).toHaveCount(1);
    // The refusal stays until the user has read it.
    await expect(other.errorBanner).toContainText("already decided");
    await other.errorBanner.getByRole("button", { name: "Dismiss error" }).click();
    await expect(other.errorBanner).toBeHidden();

    // Nothing ran twice: the stored chat has the one answer, with the one call, approved and run.
    const stored = (await (await request.get(`${server.url}/api/chats/${await chat.chatId()}`)).json()) as {
      messages: Array<{ role: string; parts: Array<{ type: string; state?: string }> }>;
    };
    const answers = stored.messages.filter((message) => message.role === "assistant");
    expect(answers.map((answer) => answer.parts.filter((part) => part.type === "tool-calculate").map((part) => part.state))).toEqual([["output-available"]]);
    await otherDevice.close();
  });

  test("a question sent instead of a decision leaves the call not decided: it never runs, and the question is answered", async ({ page }) => {
    const { chat, chip } = await askForCalculation(page, "What is 3 + 4?");
    await chat.send("Hello");
    await chat.waitForAnswerToFinish();
    await expect(chat.assistantMessages()).toHaveCount(2);
    for (const view of ["live", "reloaded"]) {
      if (view === "reloaded") await chat.openStoredChat(page.url());
      const first = chat.assistantMessages().first().getByTestId("tool-chip");
      await expect(first, view).toHaveAttribute("data-state", "undecided");
      await expect(first, view).toContainText("it never ran");
      await expect(first.getByTestId("tool-chip-approve"), view).toHaveCount(0);
    }
    await expect(chip.first().getByTestId("tool-chip-elapsed")).toHaveCount(0);
  });

  test("an approval the server did not sign, or for another call, is refused and nothing runs", async ({ request }) => {
    const chatId = `approval-${crypto.randomUUID()}`;
    const post = (message: unknown) => request.post(`${server.url}/api/chat`, { data: { id: chatId, message, trigger: "submit-message" } });
    const asked = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: chatId, message: { id: "question", role: "user", parts: [{ type: "text", text: "What is 2 + 3?" }] } }),
    });
    const waiting = (await readChatStream(asked)).message;
    const call = waiting?.parts.find((part) => part.type === "tool-calculate") as { state: string; approval: { id: string; signature?: string } } | undefined;
    expect(call?.state).toBe("approval-requested");
    expect(call?.approval.signature).toEqual(expect.any(String));

    const decide = (change: object) => ({
      ...waiting,
      parts: waiting?.parts.map((part) => (part === call ? { ...part, state: "approval-responded", approval: { ...call.approval, approved: true }, ...change } : part)),
    });
    const forgeries = [
      decide({ approval: { id: call?.approval.id, approved: true } }),
      decide({ approval: { ...call?.approval, approved: true, signature: "forged" } }),
      decide({ toolCallId: "another-call" }),
      decide({ input: { expression: "1e9 * 1e9" } }),
    ];
    for (const forged of forgeries) {
      const refused = await post(forged);
      expect(refused.status()).toBe(400);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }

    // Still waiting: nothing ran.
    const stored = (await (await request.get(`${server.url}/api/chats/${chatId}`)).json()) as { messages: Array<{ parts: Array<{ type: string; state?: string }> }> };
    expect(stored.messages.at(-1)?.parts.find((part) => part.type === "tool-calculate")?.state).toBe("approval-requested");
  });

  test("through the API the call comes back waiting, shown so in the browser too; the client's next request approves it, once", async ({ page }) => {
    const { secret } = await createApiKey(server.url, { name: "approval" });
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: secret, maxRetries: 0 });
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "What is 4 + 5?" }];
    const asked = await readStream(client, { model: "demo", stream: true, messages });
    const waiting = [...asked.activities.values()].filter((activity) => activity.status === "awaiting_approval");
    expect(waiting).toEqual([expect.objectContaining({ name: "calculate", input: { expression: expect.stringContaining("4 + 5") }, approval_id: expect.any(String) })]);
    expect(asked.finishReason).toBe("stop");

    // The same answer waits in the user's chat, with its buttons.
    const chat = new ChatPage(page);
    await chat.openStoredChat(`${server.url}/chat/${asked.chatId}`);
    await expect(chat.chips("calculate")).toHaveAttribute("data-state", "approval");

    messages.push({ role: "assistant", content: asked.content });
    const approvals = [{ approval_id: waiting[0]?.approval_id, approved: true }];
    const approved = await readStream(client, { model: "demo", stream: true, messages, parley: { approvals } } as OpenAI.ChatCompletionCreateParamsStreaming);
    expect(approved.chatId).toBe(asked.chatId);
    expect(approved.activities.get(waiting[0]?.id ?? "")).toMatchObject({ name: "calculate", status: "done", output: expect.anything() });
    expect(approved.content).toContain("9");

    // A client's retry of the same decision runs nothing twice: nothing waits any more.
    const again = client.chat.completions.create({ model: "demo", messages, parley: { approvals } } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(again).rejects.toMatchObject({ status: 400, code: "invalid_request" });

    await chat.openStoredChat(`${server.url}/chat/${asked.chatId}`);
    await expect(chat.chips("calculate")).toHaveAttribute("data-state", "done");
    await expect(chat.assistantMessages()).toHaveCount(1);
    expect(await chat.lastAnswerText()).toContain("9");
  });
});

type ToolActivity = { id: string; name: string; status: string; input?: unknown; output?: unknown; approval_id?: string };

/** A streamed completion as a client reads it: its text, its finish reason, the chat, each tool call's last state. */
async function readStream(client: OpenAI, body: OpenAI.ChatCompletionCreateParamsStreaming) {
  const read = { content: "", finishReason: null as string | null, chatId: undefined as string | undefined, activities: new Map<string, ToolActivity>() };
  for await (const chunk of await client.chat.completions.create(body)) {
    read.content += chunk.choices[0]?.delta.content ?? "";
    read.finishReason = chunk.choices[0]?.finish_reason ?? read.finishReason;
    const parley = (chunk as { parley?: { chat_id?: string; tool_activity?: ToolActivity } }).parley;
    read.chatId ??= parley?.chat_id;
    if (parley?.tool_activity) read.activities.set(parley.tool_activity.id, parley.tool_activity);
  }
  return read;
}
