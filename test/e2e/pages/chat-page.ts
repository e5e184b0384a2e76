import { expect, type Locator, type Page } from "@playwright/test";

export type ChipState = "waiting" | "running" | "done" | "no-result" | "failed" | "timeout" | "stopped" | "denied" | "approval" | "approved" | "undecided";

/** The chat as a user sees it; specs read like a user's steps. */
export class ChatPage {
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly errorBanner: Locator;
  readonly retryButton: Locator;
  /** In the error banner: stops the answer another tab is writing in this chat. */
  readonly stopOtherAnswerButton: Locator;
  /** Under the composer, near and over the length limit: the count, and why Send is off. */
  readonly composerLimit: Locator;
  readonly modelPicker: Locator;
  /** The option chosen in the model picker. */
  readonly chosenModel: Locator;
  readonly messages: Locator;
  /** At the end of the conversation: the tokens and cost of the chat's answers. */
  readonly chatUsage: Locator;
  /** The page's first Tab stop, to the message box. */
  readonly skipLink: Locator;
  /** Above the composer: the MCP servers whose tools cannot be called now, and why. */
  readonly toolsNotice: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByTestId("composer-input");
    this.sendButton = page.getByTestId("send-button");
    this.stopButton = page.getByTestId("stop-button");
    this.errorBanner = page.getByTestId("error-banner");
    this.retryButton = page.getByTestId("retry-button");
    this.stopOtherAnswerButton = page.getByTestId("stop-other-answer-button");
    this.composerLimit = page.getByTestId("composer-limit");
    this.modelPicker = page.getByTestId("model-picker");
    this.chosenModel = this.modelPicker.locator("option:checked");
    this.messages = page.getByTestId("message");
    this.chatUsage = page.getByTestId("chat-usage");
    this.skipLink = page.getByTestId("skip-link");
    this.toolsNotice = page.getByTestId("tools-notice");
  }

  async open(path = "/") {
    await this.page.goto(path);
    await expect(this.composer).toBeVisible();
  }

  /**
   * Opens a stored chat, arrives at it (see `arrive`) and waits until it has asked whether an answer is being written in it (`GET /api/chat/{id}/stream`,
   * once its code is there): returns that answer's status, 204 for none.
   */
  async openStoredChat(url: string): Promise<number> {
    const resumeChecked = this.page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/stream"));
    await this.open(url);
    await this.arrive();
    return (await resumeChecked).status();
  }

  /** The user comes to a page nobody has touched: the pointer moves over it (its chat's code loads). */
  async arrive() {
    await this.page.mouse.move(200, 200);
    await this.page.mouse.move(240, 260);
  }

  /** The id of the open chat, from the URL (`/chat/{id}` once the first message is sent). */
  async chatId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
    const id = new URL(this.page.url()).pathname.split("/").at(-1);
    if (!id) throw new Error("no chat id in the URL");
    return id;
  }

  /** The text of every assistant answer, in order. */
  async answerTexts(): Promise<string[]> {
    const answers = await this.assistantMessages().all();
    return Promise.all(answers.map(async (answer) => (await answer.getByTestId("message-text").allInnerTexts()).join("\n")));
  }

  /** Each answer's tokens and cost, beside its model's name. */
  answerUsages(): Locator {
    return this.assistantMessages().getByTestId("answer-usage");
  }

  messageStatus(answer: Locator = this.lastAssistantMessage()): Locator {
    return answer.getByTestId("message-status");
  }

  /**
   * Types and sends a message; returns once it has gone to the server (on a page just opened, that
   * is when the chat's code has arrived, which may be after Enter: see first-use.spec.ts).
   */
  async send(text: string) {
    const sent = this.page.waitForRequest((request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/chat");
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await sent;
  }

  /**
   * Like `send`, for a page reached through redirects (signing in), which may show before React has
   * hydrated it: the composer adopts text typed before then, and Enter sends once Send is enabled.
   */
  async sendWhenReady(text: string) {
    await this.composer.fill(text);
    await expect(this.sendButton).toBeEnabled();
    await this.composer.press("Enter");
  }

  userMessages(): Locator {
    return this.page.locator('[data-testid="message"][data-role="user"]');
  }

  assistantMessages(): Locator {
    return this.page.locator('[data-testid="message"][data-role="assistant"]');
  }

  lastAssistantMessage(): Locator {
    return this.assistantMessages().last();
  }

  /** The visible text of the last answer (all its text parts). */
  async lastAnswerText(): Promise<string> {
    const parts = await this.lastAssistantMessage().getByTestId("message-text").allInnerTexts();
    return parts.join("\n");
  }

  /** The actions under a message (Copy; on answers the thumbs and Regenerate). */
  messageActions(message: Locator): Locator {
    return message.getByTestId("message-actions");
  }

  /** A thumb under an answer; `aria-pressed` says whether it is given. */
  feedbackButton(answer: Locator, rating: "up" | "down"): Locator {
    return answer.getByTestId(`feedback-${rating}`);
  }

  /** Copies the message as a mouse user does: the actions show once it is hovered. */
  async copyMessage(message: Locator) {
    await message.hover();
    await message.getByTestId("copy-message").click();
  }

  /** Gives the answer a thumb; a thumb down is sent with `note` when there is one. */
  async rateAnswer(answer: Locator, rating: "up" | "down", { note }: { note?: string } = {}) {
    await answer.hover();
    await this.feedbackButton(answer, rating).click();
    if (note === undefined) return;
    await answer.getByTestId("feedback-note-input").fill(note);
    await answer.getByTestId("feedback-note-send").click();
  }

  async regenerateAnswer(answer: Locator) {
    await answer.hover();
    await answer.getByTestId("regenerate-button").click();
  }

  chips(toolName?: string): Locator {
    const chips = this.page.getByTestId("tool-chip");
    return toolName ? chips.and(this.page.locator(`[data-tool-name="${toolName}"]`)) : chips;
  }

  /** Every chip on the page as the user reads it: its tool, its state and all its text, in order. */
  async chipsAsShown(): Promise<Array<{ tool: string | null; state: string | null; text: string }>> {
    const chips = await this.chips().all();
    return Promise.all(
      chips.map(async (chip) => ({
        tool: await chip.getAttribute("data-tool-name"),
        state: await chip.getAttribute("data-state"),
        text: (await chip.innerText()).replace(/\s+/g, " ").trim(),
      })),
    );
  }

  chipsInState(state: ChipState): Locator {
    return this.page.locator(`[data-testid="tool-chip"][data-state="${state}"]`);
  }

  /**
   * Records, inside the page, every distinct length the last answer's text goes through, so a spec
   * can tell streamed text (many lengths) from text that arrived in one block.
   */
  async recordAnswerLengths() {
    await this.page.evaluate(() => {
      const lengths: number[] = [];
      (window as unknown as { __answerLengths: number[] }).__answerLengths = lengths;
      const measure = () => {
        const answers = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = answers[answers.length - 1];
        if (!last) return;
        let length = 0;
        last.querySelectorAll('[data-testid="message-text"]').forEach((element) => {
          length += element.textContent?.length ?? 0;
        });
        if (lengths[lengths.length - 1] !== length) lengths.push(length);
      };
      new MutationObserver(measure).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  async recordedAnswerLengths(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __answerLengths: number[] }).__answerLengths);
  }

  /** Edits a sent message (by its position among the user's messages) and sends the new version. */
  async editMessage(userMessage: Locator, text: string) {
    await userMessage.hover();
    await userMessage.getByTestId("edit-message").click();
    const input = userMessage.getByTestId("message-editor-input");
    await input.fill(text);
    await input.press("Enter");
  }

  /** "2 / 3" on a message with several versions. */
  branchPosition(message: Locator): Locator {
    return message.getByTestId("branch-position");
  }

  /** Shows the previous or next version of the message; waits until the switch has been made. */
  async switchBranch(message: Locator, direction: "previous" | "next") {
    const switched = this.page.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/branch"));
    await message.getByTestId(`branch-${direction}`).click();
    expect((await switched).status()).toBe(200);
  }

  /** `timeout`: for answers longer than an expect's default allows (a slowly paced model). */
  async waitForAnswerToFinish({ timeout }: { timeout?: number } = {}) {
    await expect(this.lastAssistantMessage()).toHaveAttribute("data-status", "done", { timeout });
    await expect(this.sendButton).toBeVisible();
  }
}
