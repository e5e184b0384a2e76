import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Middleware, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { estimateJsonTokens } from "@/lib/ai/estimate-tokens";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { UsageCounters } from "@/lib/store/usage-counters";
import { ModelCallUsage } from "./model-call-usage";
import { dailyTokensError } from "./quota-error";
import { tokensWindow } from "./quota-windows";

type TokenBudget = {
  counters: UsageCounters;
  userId: string;
  /** Tokens the user may use per day (UTC); positive. */
  dailyTokens: number;
  now: () => number;
};

/** Tokens held on one day's counter until they are settled: charged what was used, the rest given back. */
type Reservation = { key: string; expiresAt: number; amount: number };

type CallEnd = (tokens?: number) => void;

/**
 * One answer's use of its user's daily token budget. Every model call is covered by a reservation
 * made before it starts, atomically in the store, while the budget is not used up: an estimate of
 * what it sends (system prompt and tool schemas included) plus the most it may write
 * (`maxOutputTokens`). When the call ends, however it ends, it is charged what it used and the rest
 * is given back; so concurrent answers can overrun the budget by at most one reservation, as far as
 * the estimate holds. A call the budget cannot cover fails with the rate-limited error (a further
 * step of a long answer: the stream ends with that error).
 *
 * The answer is admitted with a first reservation, before anything is stored (`admit`); its first
 * call takes it over. A reservation is part of the day's counter: if the process dies before
 * settling it, it stays charged until the day ends and its counter with it.
 */
export class AnswerTokens {
  readonly #budget: TokenBudget;
  /** The admission's reservation, until the first model call takes it over (or the answer ends without one). */
  #admission: Reservation | undefined;
  /** Calls being reserved for, or running: each settles itself when it ends, or when the answer does. */
  readonly #starting = new Set<Promise<unknown>>();
  readonly #running = new Set<CallEnd>();
  readonly #settlements = new Set<Promise<void>>();

  private constructor(budget: TokenBudget, admission: Reservation) {
    this.#budget = budget;
    this.#admission = admission;
  }

  /** Admits an answer whose first model call is estimated at `tokens`; undefined when today's budget is used up. */
  static async admit(budget: TokenBudget, tokens: number): Promise<AnswerTokens | undefined> {
    const admission = await reserve(budget, tokens);
    return admission && new AnswerTokens(budget, admission);
  }

  /** `model`, each of whose streamed calls is reserved for before it starts and charged what it used. */
  wrap(model: LanguageModelV4): LanguageModelV4 {
    const middleware: LanguageModelV4Middleware = {
      specificationVersion: "v4",
      wrapStream: async ({ doStream, params }) => {
        const usage = new ModelCallUsage(estimateJsonTokens(params.prompt, params.tools));
        const starting = this.#reserveCall(usage.estimatedInputTokens + maxOutputTokensOf(params)).then((reservation) => this.#begin(reservation, usage));
        this.#starting.add(starting);
        const end = await starting.finally(() => this.#starting.delete(starting));
        try {
          const { stream, ...rest } = await doStream();
          return { ...rest, stream: observe(stream, usage, end) };
        } catch (error) {
          // The call failed before it produced anything (e.g. the provider refused it): nothing was used.
          end(0);
          throw error;
        }
      },
    };
    return wrapLanguageModel({ model, middleware });
  }

  /**
   * Settles what the answer still holds once it has ended: a call still running is charged what it
   * used so far, a reservation no call took is given back. Never throws: a failed write is logged
   * (the reservation then stays charged for the day).
   */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#starting);
    if (this.#admission) this.#charge(this.#admission, 0);
    this.#admission = undefined;
    for (const end of this.#running) end();
    await Promise.all(this.#settlements);
  }

  async #reserveCall(tokens: number): Promise<Reservation> {
    const admission = this.#admission;
    if (!admission) {
      const reservation = await reserve(this.#budget, tokens);
      if (!reservation) throw dailyTokensError(this.#budget.dailyTokens, this.#budget.now());
      return reservation;
    }
    this.#admission = undefined;
    // Admitted already, on an estimate made before the call was composed: raised to the call's own.
    const more = Math.round(tokens) - admission.amount;
    if (more <= 0) return admission;
    try {
      await this.#budget.counters.addUsage(this.#budget.userId, { ...admission, amount: more });
    } catch (error) {
      this.#charge(admission, 0);
      throw error;
    }
    return { ...admission, amount: admission.amount + more };
  }

  /** A running call: it ends once, charged `tokens` (by default what it used so far). */
  #begin(reservation: Reservation, usage: ModelCallUsage): CallEnd {
    let ended = false;
    const end: CallEnd = (tokens = usage.tokens) => {
      if (ended) return;
      ended = true;
      this.#running.delete(end);
      this.#charge(reservation, tokens);
    };
    this.#running.add(end);
    return end;
  }

  #charge(reservation: Reservation, tokens: number): void {
    const amount = Math.round(tokens) - reservation.amount;
    if (amount === 0) return;
    const { counters, userId } = this.#budget;
    const settlement = counters
      .addUsage(userId, { ...reservation, amount })
      .then(
        () => undefined,
        (error: unknown) => logger.error("settling a token reservation failed", { key: reservation.key, error: errorForLog(error) }),
      )
      .finally(() => this.#settlements.delete(settlement));
    this.#settlements.add(settlement);
  }
}

/** Holds `tokens` on today's counter if the budget is not used up yet (atomically in the store). */
async function reserve({ counters, userId, dailyTokens, now }: TokenBudget, tokens: number): Promise<Reservation | undefined> {
  const time = now();
  const { key, expiresAt } = tokensWindow(time);
  const amount = Math.max(1, Math.round(tokens));
  const count = await counters.addWithinLimit(userId, { key, amount, limit: dailyTokens, expiresAt }, time);
  return count === undefined ? undefined : { key, expiresAt, amount };
}

/** The bound a reservation relies on: the model call must be limited, or there is nothing to reserve for. */
function maxOutputTokensOf(params: LanguageModelV4CallOptions): number {
  if (params.maxOutputTokens === undefined) throw new Error("A model call under a token budget needs maxOutputTokens.");
  return params.maxOutputTokens;
}

/** `source` as it is, its parts counted into `usage`; `end` is called when the call ends: finished, failed, or cancelled. */
function observe(source: ReadableStream<LanguageModelV4StreamPart>, usage: ModelCallUsage, end: CallEnd): ReadableStream<LanguageModelV4StreamPart> {
  const reader = source.getReader();
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
          return;
        }
        usage.observe(value);
        // The usage is known: charge it now, before the answer's end waits for it.
        if (value.type === "finish") end();
        controller.enqueue(value);
      } catch (error) {
        end();
        throw error;
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
}
