/** The sidebar's date groups, newest first. */
const chatGroupLabels = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;

type ChatGroupLabel = (typeof chatGroupLabels)[number];

export type ChatGroup<T> = { label: ChatGroupLabel; chats: T[] };

/**
 * Groups chats by the local calendar day of their last update: today, yesterday, the 7 days before
 * today, older. Days are counted in local time (midnight to midnight, also across daylight-saving
 * changes). Chats keep their order within a group; empty groups are left out. A date in the future
 * (a clock ahead of ours) counts as today; an unreadable one as older.
 */
export function groupChatsByDate<T extends { updatedAt: string }>(chats: readonly T[], now: Date): ChatGroup<T>[] {
  const year = now.getFullYear();
  const month = now.getMonth();
  const day = now.getDate();
  // Date's constructor normalises day underflow (day 0 = last day of the previous month).
  const startOfToday = new Date(year, month, day).getTime();
  const startOfYesterday = new Date(year, month, day - 1).getTime();
  const startOfWeek = new Date(year, month, day - 7).getTime();

  const labelOf = (updatedAt: string): ChatGroupLabel => {
    const time = Date.parse(updatedAt);
    if (Number.isNaN(time)) return "Older";
    if (time >= startOfToday) return "Today";
    if (time >= startOfYesterday) return "Yesterday";
    if (time >= startOfWeek) return "Previous 7 days";
    return "Older";
  };

  const byLabel = new Map<ChatGroupLabel, T[]>();
  for (const chat of chats) {
    const label = labelOf(chat.updatedAt);
    const group = byLabel.get(label);
    if (group) group.push(chat);
    else byLabel.set(label, [chat]);
  }
  return chatGroupLabels.flatMap((label) => {
    const group = byLabel.get(label);
    return group ? [{ label, chats: group }] : [];
  });
}
