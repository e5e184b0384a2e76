import { roundDollars } from "@/lib/message/round-dollars";
import type { ChatModel } from "./chat-model";

type ModelPrice = NonNullable<ChatModel["price"]>;

/**
 * US dollars for the tokens at `price` (dollars per million input and output tokens). Cached input
 * is charged at the full input price, since the configuration has no cheaper rate for it: where the
 * provider discounts it, this is the most it cost.
 */
export function tokenCost({ inputTokens, outputTokens }: { inputTokens: number; outputTokens: number }, price: ModelPrice): number {
  return roundDollars((inputTokens * price.input + outputTokens * price.output) / 1_000_000);
}
