import { ParleyError } from "@/lib/errors";
import { chatIdSchema } from "./request-schema";

/** A chat id from a URL; one that cannot exist is simply not found. */
export function parseChatId(value: string): string {
  const parsed = chatIdSchema.safeParse(value);
  if (!parsed.success) throw new ParleyError("not_found", "There is no such chat.");
  return parsed.data;
}

export const chatNotFound = () => new ParleyError("not_found", "There is no such chat.");
