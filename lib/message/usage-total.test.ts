import { describe, expect, it } from "vitest";
import type { AnswerUsage } from "./answer-usage";
import type { ChatMessage } from "./chat-message";
import { usageTotalOf } from "./usage-total";

const question: ChatMessage = { id: "u", role: "user", parts: [{ type: "text", text: "Hi" }] };
let answers = 0;
const answer = (usage?: AnswerUsage): ChatMessage => ({ id: `a${(answers += 1)}`, role: "assistant", parts: [], ...(usage ? { metadata: { usage } } : {}) });

const nothing = { answers: 0, answersWithoutUsage: 0, calls: 0, reportedCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, answersWithoutPrice: 0 };

describe("usageTotalOf", () => {
  it("sums the answers' tokens and costs, and only the answers'", () => {
    const total = usageTotalOf([
      question,
      answer({ calls: 2, reportedCalls: 2, inputTokens: 1_000, outputTokens: 200, cost: 0.0036 }),
      question,
      answer({ calls: 1, reportedCalls: 1, inputTokens: 1_500, outputTokens: 100, reasoningTokens: 40, cachedInputTokens: 1_000, cost: 0.0038 }),
    ]);
    expect(total).toEqual({
      ...nothing,
      answers: 2,
      calls: 3,
      reportedCalls: 3,
      inputTokens: 2_500,
      outputTokens: 300,
      totalTokens: 2_800,
      reasoningTokens: 40,
      cachedInputTokens: 1_000,
      cost: 0.0074,
    });
  });

  it("rounds the summed cost to the billionth, so sums stay free of float noise", () => {
    const total = usageTotalOf([0.1, 0.2].map((cost) => answer({ calls: 1, reportedCalls: 1, inputTokens: 1, outputTokens: 1, cost })));
    expect(total.cost).toBe(0.3);
  });

  it("says what it leaves out: unreported calls, answers without usage, answers without a price", () => {
    const total = usageTotalOf([
      answer({ calls: 1, reportedCalls: 0 }),
      answer(),
      answer({ calls: 1, reportedCalls: 1, inputTokens: 10, outputTokens: 5 }),
      answer({ calls: 2, reportedCalls: 1, inputTokens: 20, outputTokens: 5, cost: 0.0001 }),
    ]);
    expect(total).toEqual({ ...nothing, answers: 4, answersWithoutUsage: 1, calls: 4, reportedCalls: 2, inputTokens: 30, outputTokens: 10, totalTokens: 40, cost: 0.0001, answersWithoutPrice: 1 });
  });

  it("has no cost, reasoning or cache counts where no answer has them", () => {
    const total = usageTotalOf([answer({ calls: 1, reportedCalls: 0 })]);
    expect(total).toEqual({ ...nothing, answers: 1, calls: 1 });
    expect(usageTotalOf([])).toEqual(nothing);
  });
});
