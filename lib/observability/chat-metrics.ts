import type { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { ToolRunStatus } from "@/lib/message/tool-run";
import { errorForLog } from "./error-for-log";
import { logger as defaultLogger } from "./logger";
import { METRICS_NAMESPACE, SERVICE_NAME } from "./service";

// The metric contract: the SST config builds alarms on these names, units and dimensions.
//
// One EMF document per answer, dimensions [service]:
//   TimeToFirstByte, TimeToFirstToken, AnswerDuration (Milliseconds; from the request's arrival),
//   ChatRequests (1), ChatErrors (1 if the answer failed or was not stored, else 0),
//   TokensUsed (when the provider reports usage), ColdStart (1, first request of the process only);
//   metadata: outcome, requestId, chatId.
// One EMF document per tool call, dimension sets [service] and [service, tool]:
//   ToolCallDuration (Milliseconds); metadata: outcome, cached, requestId, chatId.
// A request that fails with a 5xx before it answers: ChatRequests 1, ChatErrors 1 (+ ColdStart).
// Per thumb given to an answer, one EMF document with dimensions [service, rating] and, when the
//   answer names its model, one with [service, rating, model]: AnswerFeedback (1); metadata:
//   hasNote, requestId, chatId.

const ChatMetric = {
  TimeToFirstByte: "TimeToFirstByte",
  TimeToFirstToken: "TimeToFirstToken",
  AnswerDuration: "AnswerDuration",
  ToolCallDuration: "ToolCallDuration",
  ChatRequests: "ChatRequests",
  ChatErrors: "ChatErrors",
  TokensUsed: "TokensUsed",
  ColdStart: "ColdStart",
  AnswerFeedback: "AnswerFeedback",
} as const;

export type AnswerOutcome = "finished" | "stopped" | "failed";

export type AnswerMeasurement = {
  requestId: string;
  chatId: string | undefined;
  outcome: AnswerOutcome;
  /** Counts as a ChatError: the answer failed, or it could not be stored. */
  failed: boolean;
  coldStart: boolean;
  timeToFirstByteMs: number | undefined;
  timeToFirstTokenMs: number | undefined;
  answerDurationMs: number;
  totalTokens: number | undefined;
};

export type ToolCallMeasurement = {
  toolName: string;
  outcome: Exclude<ToolRunStatus, "running">;
  durationMs: number;
  cached: boolean;
};

export type FeedbackMeasurement = {
  requestId: string;
  chatId: string;
  rating: "up" | "down";
  /** The configured id of the model that wrote the answer; absent on answers stored before models had ids. */
  modelId: string | undefined;
  hasNote: boolean;
};

type RequestKeys = { requestId: string; chatId?: string | undefined };

export type ChatMetricsOptions = { namespace?: string; serviceName?: string; logger?: Logger };

/**
 * Writes the chat metrics as CloudWatch Embedded Metric Format documents (JSON lines on stdout;
 * on Lambda, CloudWatch turns them into metrics).
 *
 * Concurrent requests share this instance safely: a request collects its values in its own
 * `ChatTelemetry` and hands them over when it ends; each document is then added and flushed in one
 * synchronous call, so no other request can add to Powertools' buffer in between. (On Lambda with
 * several concurrent invocations per process, Powertools also keeps that buffer per invocation.)
 */
export class ChatMetrics {
  readonly #metrics: Metrics;
  readonly #logger: Logger;

  constructor({ namespace = METRICS_NAMESPACE, serviceName = SERVICE_NAME, logger = defaultLogger }: ChatMetricsOptions = {}) {
    // Powertools' own warnings go through our logger, so they are JSON lines too.
    this.#metrics = new Metrics({ namespace, serviceName, logger });
    this.#logger = logger;
  }

  /** The answer's document, then one document per tool call it made. */
  publishAnswer(answer: AnswerMeasurement, toolCalls: readonly ToolCallMeasurement[]): void {
    this.#publish(answer, (metrics) => {
      addMilliseconds(metrics, ChatMetric.TimeToFirstByte, answer.timeToFirstByteMs);
      addMilliseconds(metrics, ChatMetric.TimeToFirstToken, answer.timeToFirstTokenMs);
      addMilliseconds(metrics, ChatMetric.AnswerDuration, answer.answerDurationMs);
      addCount(metrics, ChatMetric.ChatRequests, 1);
      addCount(metrics, ChatMetric.ChatErrors, answer.failed ? 1 : 0);
      addCount(metrics, ChatMetric.TokensUsed, answer.totalTokens);
      if (answer.coldStart) addCount(metrics, ChatMetric.ColdStart, 1);
      addKeys(metrics, answer);
      metrics.addMetadata("outcome", answer.outcome);
    });
    for (const call of toolCalls) {
      this.#publish(answer, (metrics) => {
        // Two dimension sets, one datapoint: [service, tool] and (an empty set = the defaults) [service].
        metrics.addDimension("tool", call.toolName);
        metrics.addDimensions({});
        addMilliseconds(metrics, ChatMetric.ToolCallDuration, call.durationMs);
        addKeys(metrics, answer);
        metrics.addMetadata("outcome", call.outcome);
        metrics.addMetadata("cached", String(call.cached));
      });
    }
  }

  /** A request that failed before it could answer: a 5xx counts as a chat request and an error. */
  publishRequestFailure(request: RequestKeys & { statusCode: number; coldStart: boolean }): void {
    const serverError = request.statusCode >= 500;
    if (!serverError && !request.coldStart) return;
    this.#publish(request, (metrics) => {
      if (serverError) {
        addCount(metrics, ChatMetric.ChatRequests, 1);
        addCount(metrics, ChatMetric.ChatErrors, 1);
      }
      if (request.coldStart) addCount(metrics, ChatMetric.ColdStart, 1);
      addKeys(metrics, request);
      metrics.addMetadata("statusCode", String(request.statusCode));
    });
  }

  /**
   * A thumb up or down on an answer, counted by rating, and by rating and the model that wrote the
   * answer: one document each (Powertools warns of a dimension shared by two sets of one document).
   */
  publishFeedback(feedback: FeedbackMeasurement): void {
    const { rating, modelId } = feedback;
    const dimensionSets = modelId === undefined ? [{ rating }] : [{ rating }, { rating, model: modelId }];
    for (const dimensions of dimensionSets) {
      this.#publish(feedback, (metrics) => {
        for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
        addCount(metrics, ChatMetric.AnswerFeedback, 1);
        addKeys(metrics, feedback);
        metrics.addMetadata("hasNote", String(feedback.hasNote));
      });
    }
  }

  /** A cold start on a request that publishes nothing else (the health check). */
  publishColdStart(request: RequestKeys & { route: string }): void {
    this.#publish(request, (metrics) => {
      addCount(metrics, ChatMetric.ColdStart, 1);
      addKeys(metrics, request);
      metrics.addMetadata("route", request.route);
    });
  }

  /** Adds and flushes one document in one synchronous call; a metric never breaks a request. */
  #publish(request: RequestKeys, build: (metrics: Metrics) => void): void {
    try {
      build(this.#metrics);
      this.#metrics.publishStoredMetrics();
    } catch (error) {
      this.#metrics.clearMetrics();
      this.#metrics.clearDimensions();
      this.#metrics.clearMetadata();
      this.#logger.warn("metrics not published", { ...keysOf(request), error: errorForLog(error) });
    }
  }
}

/** A value that is not a finite number (not measured, not reported) is left out: CloudWatch would reject it. */
function addMilliseconds(metrics: Metrics, name: string, value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) metrics.addMetric(name, MetricUnit.Milliseconds, Math.max(0, value));
}

function addCount(metrics: Metrics, name: string, value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) metrics.addMetric(name, MetricUnit.Count, value);
}

function addKeys(metrics: Metrics, request: RequestKeys): void {
  metrics.addMetadata("requestId", request.requestId);
  if (request.chatId !== undefined) metrics.addMetadata("chatId", request.chatId);
}

function keysOf({ requestId, chatId }: RequestKeys): RequestKeys {
  return chatId === undefined ? { requestId } : { requestId, chatId };
}

export const chatMetrics = new ChatMetrics();
