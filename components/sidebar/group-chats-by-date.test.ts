import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupChatsByDate, type ChatGroup } from "./group-chats-by-date";

// Local time matters here: pin a zone with a daylight-saving change (Paris: clocks go forward on
// 30 March 2025 at 02:00, back on 26 October 2025 at 03:00).
const originalTimeZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "Europe/Paris";
});
afterAll(() => {
  process.env.TZ = originalTimeZone;
});

/** A chat updated at this local date and time. */
const chatAt = (id: string, ...local: [number, number, number, number?, number?]) => {
  const [year, month, day, hours = 0, minutes = 0] = local;
  return { id, updatedAt: new Date(year, month - 1, day, hours, minutes).toISOString() };
};

const labelsOf = (groups: ChatGroup<{ id: string }>[]) =>
  Object.fromEntries(groups.map((group) => [group.label, group.chats.map((chat) => chat.id)]));

describe("groupChatsByDate", () => {
  it("splits at local midnight, not 24 hours back", () => {
    const now = new Date(2025, 5, 12, 0, 5); // 12 June, 00:05
    const groups = groupChatsByDate(
      [chatAt("just-now", 2025, 6, 12, 0, 1), chatAt("before-midnight", 2025, 6, 11, 23, 59), chatAt("two-days", 2025, 6, 10, 23, 59)],
      now,
    );
    expect(labelsOf(groups)).toEqual({ Today: ["just-now"], Yesterday: ["before-midnight"], "Previous 7 days": ["two-days"] });
  });

  it("counts the previous 7 days from midnight 7 days ago; earlier is older", () => {
    const now = new Date(2025, 5, 12, 18, 0);
    const groups = groupChatsByDate(
      [chatAt("six-days", 2025, 6, 6, 9), chatAt("seven-days", 2025, 6, 5, 0, 0), chatAt("eight-days", 2025, 6, 4, 23, 59)],
      now,
    );
    expect(labelsOf(groups)).toEqual({ "Previous 7 days": ["six-days", "seven-days"], Older: ["eight-days"] });
  });

  it("crosses month and year boundaries", () => {
    const now = new Date(2026, 0, 1, 8, 0); // 1 January 2026
    const groups = groupChatsByDate(
      [chatAt("new-year", 2026, 1, 1, 0, 0), chatAt("new-years-eve", 2025, 12, 31, 23, 0), chatAt("christmas", 2025, 12, 25, 12)],
      now,
    );
    expect(labelsOf(groups)).toEqual({ Today: ["new-year"], Yesterday: ["new-years-eve"], "Previous 7 days": ["christmas"] });
  });

  it("keeps calendar days across a daylight-saving change (a 23-hour day)", () => {
    const now = new Date(2025, 2, 31, 0, 30); // 31 March 00:30; 30 March had 23 hours
    const groups = groupChatsByDate(
      [chatAt("sunday-early", 2025, 3, 30, 0, 30), chatAt("saturday-late", 2025, 3, 29, 23, 30), chatAt("week-edge", 2025, 3, 24, 0, 0)],
      now,
    );
    // 24 hours before `now` is 29 March 23:30: a "last 24 hours" rule would call it yesterday.
    expect(labelsOf(groups)).toEqual({ Yesterday: ["sunday-early"], "Previous 7 days": ["saturday-late", "week-edge"] });
  });

  it("keeps the server's order within a group and leaves out empty groups", () => {
    const now = new Date(2025, 5, 12, 18, 0);
    const groups = groupChatsByDate([chatAt("c", 2025, 6, 12, 17), chatAt("b", 2025, 6, 12, 9), chatAt("a", 2024, 1, 1)], now);
    expect(groups.map((group) => group.label)).toEqual(["Today", "Older"]);
    expect(labelsOf(groups)).toEqual({ Today: ["c", "b"], Older: ["a"] });
  });

  it("puts a future date under Today and an unreadable one under Older", () => {
    const now = new Date(2025, 5, 12, 18, 0);
    const groups = groupChatsByDate([{ id: "future", updatedAt: "2030-01-01T00:00:00.000Z" }, { id: "bad", updatedAt: "yesterday-ish" }], now);
    expect(labelsOf(groups)).toEqual({ Today: ["future"], Older: ["bad"] });
  });

  it("returns no groups for no chats", () => {
    expect(groupChatsByDate([], new Date())).toEqual([]);
  });
});
