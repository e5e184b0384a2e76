import { tool } from "ai";
import { z } from "zod";
import { defineTool } from "@/lib/tools/tool-definition";

const inputSchema = z.object({
  timezone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .describe('An IANA time zone name, e.g. "Europe/Paris", "America/New_York", "Asia/Tokyo" or "UTC".'),
});

const outputSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    timezone: z.string(),
    /** Local date and time, ISO 8601 with the zone's offset. */
    localTime: z.string(),
    /** Readable form, e.g. "Saturday 21 November 2026 at 14:05". */
    formatted: z.string(),
    utcOffset: z.string(),
  }),
  z.object({ ok: z.literal(false), timezone: z.string(), reason: z.string() }),
]);

function resolveTimeZone(timezone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function partsIn(timeZone: string, date: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? "";
  const offset = get("timeZoneName").replace(/^GMT/, "") || "+00:00";
  return {
    localTime: `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}${offset === "+00:00" ? "Z" : offset}`,
    utcOffset: offset,
  };
}

export const getCurrentTime = defineTool(
  tool({
    description: "Get the current local date and time in an IANA time zone.",
    inputSchema,
    outputSchema,
    execute: async ({ timezone }) => {
      const timeZone = resolveTimeZone(timezone);
      if (!timeZone) {
        return {
          ok: false as const,
          timezone,
          reason: `"${timezone}" is not a known IANA time zone. Use a name like "Europe/Paris" or "America/New_York".`,
        };
      }
      const now = new Date();
      const formatted = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "full", timeStyle: "short" }).format(now);
      return { ok: true as const, timezone: timeZone, formatted, ...partsIn(timeZone, now) };
    },
  }),
  { timeoutMs: 2_000, maxOutputChars: 2_000 },
);
