import { ParleyError } from "@/lib/errors";
import { tokensWindow } from "./quota-windows";

/** A quota is used up: a 429 whose message and `Retry-After` say when the user can continue. */
export function quotaError(limitText: string, retryAt: number, now: number): ParleyError {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return new ParleyError("rate_limited", `${limitText} You can continue ${describeWait(seconds)}.`, { retryAt });
}

export function dailyTokensError(budget: number, now: number): ParleyError {
  return quotaError(`You have used today's budget of ${formatCount(budget)} tokens.`, tokensWindow(now).endsAt, now);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `in ${hours} h${rest > 0 ? ` ${rest} min` : ""} (at midnight UTC)`;
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US").replaceAll(",", " ");
}
