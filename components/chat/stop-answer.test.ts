import { describe, expect, it } from "vitest";
import { createAnswerWatch, stopAnswer, stopOtherAnswer } from "./stop-answer";

/**
 * A scripted answer on a fake clock: `busyUntil` is when the stream ends by itself (or never);
 * `stopAnswers` are the server's replies to successive Stop requests; a stop the server accepted
 * ends the stream `endsAfterStopMs` later.
 */
function scenario({
  busyUntil = Number.POSITIVE_INFINITY,
  stopAnswers,
  endsAfterStopMs = 150,
}: {
  busyUntil?: number;
  stopAnswers: Array<boolean | "network-error">;
  endsAfterStopMs?: number;
}) {
  let clock = 0;
  let endsAt = busyUntil;
  const requests: number[] = [];
  let abortedAt: number | undefined;
  return {
    requests,
    abortedAt: () => abortedAt,
    options: {
      isBusy: () => abortedAt === undefined && clock < endsAt,
      requestStop: async () => {
        requests.push(clock);
        const answer = stopAnswers[requests.length - 1] ?? false;
        if (answer === "network-error") throw new TypeError("Failed to fetch");
        if (answer) endsAt = Math.min(endsAt, clock + endsAfterStopMs);
        return answer;
      },
      abortLocally: () => {
        abortedAt = clock;
      },
      sleep: async (ms: number) => {
        clock += ms;
      },
      now: () => clock,
    },
  };
}

describe("stopAnswer", () => {
  it("asks the server once and waits for the stream to end", async () => {
    const run = scenario({ stopAnswers: [true] });
    expect(await stopAnswer(run.options)).toBe("stopped");
    expect(run.requests).toEqual([0]);
    expect(run.abortedAt()).toBeUndefined();
  });

  it("asks again every 200 ms while the server has nothing running yet (the request has not reached it)", async () => {
    const run = scenario({ stopAnswers: [false, false, true] });
    expect(await stopAnswer(run.options)).toBe("stopped");
    expect(run.requests).toEqual([0, 200, 400]);
    expect(run.abortedAt()).toBeUndefined();
  });

  it("retries after a failed stop request", async () => {
    const run = scenario({ stopAnswers: ["network-error", true] });
    expect(await stopAnswer(run.options)).toBe("stopped");
    expect(run.requests).toEqual([0, 200]);
  });

  it("aborts in the browser when the stream has not ended after 5 s", async () => {
    const run = scenario({ stopAnswers: [] });
    expect(await stopAnswer(run.options)).toBe("aborted");
    expect(run.abortedAt()).toBe(5_000);
    expect(run.requests).toHaveLength(25);
  });

  it("also aborts when the server accepted the stop but the stream does not end", async () => {
    const run = scenario({ stopAnswers: [true], endsAfterStopMs: 60_000 });
    expect(await stopAnswer(run.options)).toBe("aborted");
    expect(run.requests).toEqual([0]);
    expect(run.abortedAt()).toBe(5_000);
  });

  it("does nothing when the answer has already ended", async () => {
    const run = scenario({ busyUntil: 0, stopAnswers: [true] });
    expect(await stopAnswer(run.options)).toBe("finished");
    expect(run.requests).toEqual([]);
  });

  it("stops asking when the answer ends by itself meanwhile", async () => {
    const run = scenario({ busyUntil: 300, stopAnswers: [false, false, false, false] });
    expect(await stopAnswer(run.options)).toBe("finished");
    expect(run.requests).toEqual([0, 200]);
    expect(run.abortedAt()).toBeUndefined();
  });
});

describe("stopOtherAnswer", () => {
  /** The server's replies to successive Stop requests: true while an answer still runs in the chat. */
  function server(replies: Array<boolean | "network-error">) {
    let clock = 0;
    const requests: number[] = [];
    return {
      requests,
      options: {
        requestStop: async () => {
          requests.push(clock);
          const reply = replies[requests.length - 1] ?? true;
          if (reply === "network-error") throw new TypeError("Failed to fetch");
          return reply;
        },
        sleep: async (ms: number) => {
          clock += ms;
        },
        now: () => clock,
      },
    };
  }

  it("asks until the server has nothing running in the chat any more (stopped and stored)", async () => {
    const run = server([true, true, false]);
    expect(await stopOtherAnswer(run.options)).toBe(true);
    expect(run.requests).toEqual([0, 200, 400]);
  });

  it("is done at once when nothing runs there", async () => {
    const run = server([false]);
    expect(await stopOtherAnswer(run.options)).toBe(true);
    expect(run.requests).toEqual([0]);
  });

  it("keeps asking after a failed request", async () => {
    const run = server(["network-error", false]);
    expect(await stopOtherAnswer(run.options)).toBe(true);
    expect(run.requests).toEqual([0, 200]);
  });

  it("gives up after 5 s while the answer still runs", async () => {
    const run = server([]);
    expect(await stopOtherAnswer(run.options)).toBe(false);
    expect(run.requests.at(-1)).toBe(5_000);
  });
});

describe("createAnswerWatch", () => {
  it("holds a Stop's answer busy until that answer has ended, not while the next one runs", () => {
    const answers = createAnswerWatch(true);
    const isBusy = answers.isCurrentAnswerBusy();
    expect(isBusy()).toBe(true);
    answers.observe(false); // the stopped answer ended
    answers.observe(true); // a message sent right after it is being answered
    expect(isBusy()).toBe(false);
    expect(answers.isCurrentAnswerBusy()()).toBe(true); // a Stop pressed now stops the new one
  });

  it("sees no answer when nothing runs", () => {
    expect(createAnswerWatch(false).isCurrentAnswerBusy()()).toBe(false);
  });
});
