import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { composeCannedAnswer } from "@/lib/ai/demo-model/canned-answer";
import type { ChatJson } from "@/lib/chat/chat-json";
import { assertStreamed } from "./assert-streamed";
import { type RequestOptions, eventsSoFar, toHttpResponse } from "./function-url";
import { type FleetEnvironment, type LambdaFleet, startLambdaFleet } from "./lambda-fleet";
import { chatRequest, readChatBody, textOf } from "./lambda-harness";
import { inspectLiveAnswerLog, storeWrites } from "./live-answer-log-items";
import type { InvocationRecording } from "./runtime-api";

// Resume and Stop across Lambda execution environments of the deployed bundle, on one
// DynamoDB-compatible server: the environment that generates an answer (A) is not the one a
// resuming view (B) or a Stop (C) lands on, and they share nothing but the table.

const QUESTION = "Write a TypeScript function that reverses a string";
/** A slow model, so the answer is still being written when the other environments come in. */
const TOKEN_DELAY_MS = 30;
const FLUSH_MS = 250;
/** Text the first view has read before another one comes in. */
const TEXT_DELTAS_FIRST = 5;

describe("one answer across Lambda execution environments", () => {
  let fleet: LambdaFleet;
  let generator: FleetEnvironment;
  let resumer: FleetEnvironment;
  let stopper: FleetEnvironment;

  beforeAll(async () => {
    fleet = await startLambdaFleet({
      bundleDir: inject("bundles").streaming,
      count: 3,
      env: { DEMO_MODEL_TOKEN_DELAY_MS: String(TOKEN_DELAY_MS), STREAM_LOG_FLUSH_MS: String(FLUSH_MS) },
    });
    [generator, resumer, stopper] = fleet.environments as [FleetEnvironment, FleetEnvironment, FleetEnvironment];
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  /** The stored chat, read through `environment`. */
  async function storedChat(environment: FleetEnvironment, chatId: string): Promise<ChatJson> {
    const { response } = await environment.request({ path: `/api/chats/${chatId}` });
    expect(response.statusCode).toBe(200);
    return JSON.parse(response.body.toString("utf8")) as ChatJson;
  }

  test("B resumes A's answer from its start, follows it live, and ends with the stored answer", async () => {
    const chatId = `lambda-${crypto.randomUUID()}`;
    const answering = generator.invoke(chatRequest(chatId, QUESTION));
    await answering.waitUntil((recording) => textDeltasSoFar(recording) >= TEXT_DELTAS_FIRST);
    // As a browser asks: the resumed stream comes compressed, and must still arrive live.
    const resuming = resumer.invoke(resumeRequest(chatId, "gzip, deflate, br"));
    const [original, resumed] = await Promise.all([answering.result, resuming.result]);

    const { response: originalResponse, textDeltas: originalDeltas } = assertStreamed(original);
    const { response: resumedResponse, textDeltas: resumedDeltas } = assertStreamed(resumed);
    expect(resumedResponse.headers["content-encoding"]).toMatch(/^(?:br|gzip|deflate)$/);
    // B was following while A still wrote: its first text came before A's last.
    expect(resumedDeltas[0]?.atMs).toBeLessThan(originalDeltas.at(-1)?.atMs ?? 0);

    const [originalReading, resumedReading] = await Promise.all([readChatBody(originalResponse), readChatBody(resumedResponse)]);
    expect(resumedReading.invalid).toEqual([]);
    // From the start, nothing duplicated or skipped: the very chunks A's client received.
    expect(resumedReading.chunks.map(({ chunk }) => chunk)).toEqual(originalReading.chunks.map(({ chunk }) => chunk));
    expect(resumedReading.chunks.at(-1)?.chunk.type).toBe("finish");
    const answer = composeCannedAnswer(QUESTION);
    expect(textOf(originalReading.message)).toBe(answer);
    expect(textOf(resumedReading.message)).toBe(answer);

    const chat = await storedChat(resumer, chatId);
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(textOf(chat.messages[1])).toBe(answer);
    // Nothing is being written any more.
    expect((await resumer.request(resumeRequest(chatId))).response.statusCode).toBe(204);
  });

  test("Stop sent to C stops A; A's and B's views end where it stopped", async () => {
    const chatId = `lambda-${crypto.randomUUID()}`;
    const answering = generator.invoke(chatRequest(chatId, QUESTION));
    await answering.waitUntil((recording) => textDeltasSoFar(recording) >= TEXT_DELTAS_FIRST);
    const resuming = resumer.invoke(resumeRequest(chatId));
    await resuming.waitUntil((recording) => textDeltasSoFar(recording) >= TEXT_DELTAS_FIRST);

    // B is busy streaming the resumed answer, and an environment takes one request at a time:
    // Lambda gives the Stop to a third one, as it would to any environment but A's.
    const { response: stop } = await stopper.request({ method: "POST", path: `/api/chat/${chatId}/stop` });
    expect(stop.statusCode).toBe(202);
    expect(JSON.parse(stop.body.toString("utf8"))).toEqual({ stopped: true });

    const [original, resumed] = await Promise.all([answering.result, resuming.result]);
    // Both views are short, the answer stopped early: streamed, too short to judge their spread.
    expect([original.responseMode, resumed.responseMode]).toEqual(["streaming", "streaming"]);
    const [originalReading, resumedReading] = await Promise.all([readChatBody(toHttpResponse(original)), readChatBody(toHttpResponse(resumed))]);
    expect(originalReading.chunks.map(({ chunk }) => chunk.type)).toContain("abort");
    expect(resumedReading.invalid).toEqual([]);
    expect(resumedReading.chunks.map(({ chunk }) => chunk)).toEqual(originalReading.chunks.map(({ chunk }) => chunk));

    const stoppedText = textOf(originalReading.message);
    const answer = composeCannedAnswer(QUESTION);
    expect(stoppedText.length).toBeLessThan(answer.length);
    expect(answer.startsWith(stoppedText)).toBe(true);
    expect(textOf(resumedReading.message)).toBe(stoppedText);

    const stored = (await storedChat(resumer, chatId)).messages[1];
    expect(stored?.metadata?.status).toBe("stopped");
    expect(textOf(stored)).toBe(stoppedText);
    expect((await resumer.request(resumeRequest(chatId))).response.statusCode).toBe(204);
    // The next message in the chat is answered: the stopped answer released the chat.
    const { response: next } = await generator.request(chatRequest(chatId, "Hello"));
    expect(next.statusCode).toBe(200);
  });

  test("the live answer's log in DynamoDB: a few batches, each item with a TTL, ended once stored", async () => {
    const chatId = `lambda-${crypto.randomUUID()}`;
    const writesBefore = storeWrites(fleet.dynamo.requestCounts(), generator.caller);
    const startedAt = Date.now();
    const answer = await generator.invoke(chatRequest(chatId, QUESTION)).result;
    const endedAt = Date.now();
    const writes = storeWrites(fleet.dynamo.requestCounts(), generator.caller) - writesBefore;
    const { textDeltas } = assertStreamed(answer);
    const log = await inspectLiveAnswerLog(fleet.dynamo.endpoint, chatId);

    // Every committed batch is in the table, in order, each in one item (an answer is small).
    expect(log.chat.logBatchCount).toBe(log.items.length);
    expect(log.items.map((item) => item.batchIndex)).toEqual(log.items.map((_, index) => index));
    // Batched: a batch waits `FLUSH_MS` for the chunks after its first, so the answer's duration
    // bounds their number, whatever the pace of the tokens; and far fewer than the tokens.
    const answerMs = answer.endedAtMs - answer.handedOutAtMs;
    expect(log.items.length).toBeLessThanOrEqual(Math.ceil(answerMs / FLUSH_MS) + 1);
    expect(log.items.length * 3).toBeLessThan(textDeltas.length);
    // The whole turn (claim, both messages, the log, release) costs fewer writes than tokens.
    expect(writes).toBeLessThan(textDeltas.length);

    // DynamoDB's TTL deletes every item a day after it was written; the table needs no cleanup.
    const day = 24 * 60 * 60;
    for (const item of log.items) {
      expect(item.expiresAt).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) + day);
      expect(item.expiresAt).toBeLessThanOrEqual(Math.ceil(endedAt / 1000) + day);
    }
    // Once the answer is stored the chat is released and its log ended: nothing is served from it.
    expect(log.chat.activeStreamId).toBeUndefined();
    expect(log.chat.logEndedAt).toBeGreaterThanOrEqual(startedAt);
    expect((await generator.request(resumeRequest(chatId))).response.statusCode).toBe(204);
  });
});

function resumeRequest(chatId: string, acceptEncoding = "identity"): RequestOptions {
  return { method: "GET", path: `/api/chat/${chatId}/stream`, headers: { "accept-encoding": acceptEncoding } };
}

function textDeltasSoFar(recording: InvocationRecording): number {
  return eventsSoFar(recording).filter((event) => event.chunkType === "text-delta").length;
}
