import type { Locator } from "@playwright/test";

/** What an answer shows inside its text: typeset math and code blocks. */
export class AnswerContent {
  /** Formulas KaTeX has typeset. */
  readonly math: Locator;
  readonly displayMath: Locator;
  /** Formulas still shown as their TeX (KaTeX not loaded yet, or the formula still streaming). */
  readonly mathSource: Locator;
  readonly codeBlocks: Locator;
  /** Code blocks whose colours have been applied. */
  readonly highlightedCode: Locator;
  readonly copyCodeButtons: Locator;

  constructor(readonly answer: Locator) {
    this.math = answer.getByTestId("math");
    this.displayMath = answer.locator('[data-testid="math"][data-display="true"]');
    this.mathSource = answer.getByTestId("math-source");
    this.codeBlocks = answer.getByTestId("code-block");
    this.highlightedCode = answer.locator('[data-testid="code-block"] code[data-highlighted="true"]');
    this.copyCodeButtons = answer.getByTestId("copy-code");
  }

  /** The answer's visible text, as a user would select it. */
  text(): Promise<string> {
    return this.answer.getByTestId("message-text").innerText();
  }
}
