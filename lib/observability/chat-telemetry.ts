import type { Logger } from "@aws-lambda-powertools/logger";
import type { ToolRun } from "@/lib/message/tool-run";
import { chatMetrics as defaultChatMetrics, type AnswerOutcome, type ChatMetrics, type ToolCallMeasurement } from "./chat-metrics";
import { claimColdStart } from "./cold-start";
import { errorForLog } from "./error-for-log";
import { logger as defaultLogger } from "./logger";
import { currentRequestId } from "./request-id";

export type LogKeys = { requestId: string; chatId?: string };

export type ChatTelemetryOptions = {
  /** When the request arrived (epoch ms of `now`); defaults to now. */
  receivedAt?: number;
  requestId?: string;
  /** Defaults to whether this is the process's first request (see `claimColdStart`). */
  coldStart?: boolean;
  now?: () => number;
  metrics?: ChatMetrics;
  logger?: Logger;
};

/**
 * What one chat request measures and logs, from its arrival to the end of its answer. Start it
 * first thing in the route, so every duration counts from the request's arrival.
 *
 * Each request has its own instance: values from concurrent requests never meet. They are handed
 * to the metrics as one batch when the answer ends (`answerEnded`) or the request fails
 * (`requestFailed`), whichever comes first; the other is then a no-op.
 *
 * Hot path: the answer stream calls `firstTextDelta` once (it keeps its own flag per token);
 * nothing here runs per token.
 */
export class ChatTelemetry {
  readonly requestId: string;
  readonly #receivedAt: number;
  readonly #coldStart: boolean;
  readonly #now: () => number;
  readonly #metrics: ChatMetrics;
  readonly #logger: Logger;
  #chatId: string | undefined;
  #responseAt: number | undefined;
  #firstTextAt: number | undefined;
  #totalTokens: number | undefined;
  readonly #toolCalls: ToolCallMeasurement[] = [];
  #endedByQuota = false;
  #ended = false;

  constructor({
    now = Date.now,
    receivedAt = now(),
    requestId = currentRequestId(),
    coldStart = claimColdStart(),
    metrics = defaultChatMetrics,
    logger = defaultLogger,
  }: ChatTelemetryOptions = {}) {
    this.requestId = requestId;
    this.#receivedAt = receivedAt;
    this.#coldStart = coldStart;
    this.#now = now;
    this.#metrics = metrics;
    this.#logger = logger;
  }

  /** The keys every log line about this request carries. */
  get logKeys(): LogKeys {
    return this.#chatId === undefined ? { requestId: this.requestId } : { requestId: this.requestId, chatId: this.#chatId };
  }

  setChatId(chatId: string): void {
    this.#chatId = chatId;
  }

  /** The response (its stream, whose first bytes leave at once) is handed back to the server. */
  responseReturned(): void {
    this.#responseAt ??= this.#now();
  }

  /** The answer's first text delta; later calls change nothing. */
  firstTextDelta(): void {
    this.#firstTextAt ??= this.#now();
  }

  /** Tokens of the answer so far, summed over its steps (0 when the provider reports none). */
  get totalTokens(): number {
    return this.#totalTokens ?? 0;
  }

  /** A model call (step) finished; providers that report usage report its total tokens. */
  stepFinished(totalTokens: number | undefined): void {
    if (totalTokens !== undefined && Number.isFinite(totalTokens)) this.#totalTokens = (this.#totalTokens ?? 0) + totalTokens;
  }

  /** A tool call ended; `error` is what it threw (already safe for the model). Failures and timeouts are logged. */
  toolRunEnded(run: ToolRun, error?: unknown): void {
    if (run.status === "running") return;
    const call: ToolCallMeasurement = { toolName: run.toolName, outcome: run.status, durationMs: run.durationMs ?? 0, cached: run.cached };
    this.#toolCalls.push(call);
    if (call.outcome === "failed" || call.outcome === "timeout") {
      this.#logger.warn("tool call failed", {
        ...this.logKeys,
        tool: call.toolName,
        outcome: call.outcome,
        durationMs: call.durationMs,
        ...(error === undefined ? {} : { error: errorForLog(error) }),
      });
    }
  }

  /**
   * A further model call of the answer was refused by the user's quota (today's token budget):
   * the answer ends "failed" for the user, but that is the quota working, not an error of ours.
   */
  answerStoppedByQuota(): void {
    this.#endedByQuota = true;
    this.#logger.info("answer stopped by a quota", this.logKeys);
  }

  /**
   * Publishes the answer's metrics and logs one line about it. `saved`: whether the answer was
   * stored; "unstored" when it was not to be (`store: false` on the /v1 API), which is no failure.
   */
  answerEnded(outcome: AnswerOutcome, { saved }: { saved: boolean | "unstored" }): void {
    if (this.#ended) return;
    this.#ended = true;
    const answer = {
      ...this.logKeys,
      chatId: this.#chatId,
      outcome,
      failed: (outcome === "failed" && !this.#endedByQuota) || saved === false,
      coldStart: this.#coldStart,
      timeToFirstByteMs: this.#sinceReceived(this.#responseAt),
      timeToFirstTokenMs: this.#sinceReceived(this.#firstTextAt),
      answerDurationMs: this.#now() - this.#receivedAt,
      totalTokens: this.#totalTokens,
    };
    this.#metrics.publishAnswer(answer, this.#toolCalls);
    this.#logger.info("answer ended", {
      ...this.logKeys,
      outcome,
      saved,
      coldStart: this.#coldStart,
      timeToFirstByteMs: answer.timeToFirstByteMs,
      timeToFirstTokenMs: answer.timeToFirstTokenMs,
      answerDurationMs: answer.answerDurationMs,
      toolCalls: this.#toolCalls.length,
      failedToolCalls: this.#toolCalls.filter((call) => call.outcome === "failed" || call.outcome === "timeout").length,
      totalTokens: this.#totalTokens,
    });
  }

  /** The request failed before it could answer, with this HTTP status (a 5xx counts as a ChatError). */
  requestFailed(statusCode: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#metrics.publishRequestFailure({ ...this.logKeys, statusCode, coldStart: this.#coldStart });
  }

  #sinceReceived(at: number | undefined): number | undefined {
    return at === undefined ? undefined : at - this.#receivedAt;
  }
}

/** Starts measuring a chat request; call it when the request arrives. */
export function startChatTelemetry(options?: ChatTelemetryOptions): ChatTelemetry {
  return new ChatTelemetry(options);
}
