import type { ChatStatus } from "ai";

/** An answer is on its way: sent and not yet answered, or streaming. */
export const isBusyStatus = (status: ChatStatus) => status === "submitted" || status === "streaming";
