import { describe, expect, it } from "vitest";
import { yieldToEventLoop } from "./yield-to-event-loop";

describe("yieldToEventLoop", () => {
  it("resolves after the work already waiting for the event loop, not within the current turn", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("waiting work"));
    const yielded = yieldToEventLoop().then(() => order.push("after the yield"));
    await Promise.resolve();
    order.push("same turn");
    await yielded;
    expect(order).toEqual(["same turn", "waiting work", "after the yield"]);
  });
});
