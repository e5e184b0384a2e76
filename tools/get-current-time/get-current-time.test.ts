import { describe, expect, it } from "vitest";
import { getCurrentTime } from "./get-current-time";

type TimeResult = Awaited<ReturnType<typeof getCurrentTime.tool.execute>>;

const run = async (timezone: string) =>
  (await getCurrentTime.tool.execute({ timezone }, { toolCallId: "test", messages: [], context: undefined })) as Exclude<
    TimeResult,
    AsyncIterable<unknown>
  >;

describe("getCurrentTime", () => {
  it("gives the local time with the zone's offset", async () => {
    const result = await run("Asia/Tokyo");
    expect(result).toMatchObject({ ok: true, timezone: "Asia/Tokyo", utcOffset: "+09:00" });
    if (!result.ok) throw new Error("expected a time");
    expect(result.localTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    // The local time is the current instant shifted by the offset.
    expect(Math.abs(Date.parse(result.localTime) - Date.now())).toBeLessThan(60_000);
  });

  it("writes UTC as Z", async () => {
    await expect(run("UTC")).resolves.toMatchObject({ ok: true, utcOffset: "+00:00", localTime: expect.stringMatching(/Z$/) });
  });

  it("returns a clear error for an unknown zone", async () => {
    await expect(run("Mars/Olympus_Mons")).resolves.toEqual({
      ok: false,
      timezone: "Mars/Olympus_Mons",
      reason: expect.stringContaining('"Mars/Olympus_Mons" is not a known IANA time zone'),
    });
  });
});
