let served = false;

/**
 * Whether this is the first request the process serves, chat or health: true exactly once per
 * process. `/api/health` reports it and the `ColdStart` metric counts it, from this one flag, so
 * the two agree and a cold start is never counted twice.
 */
export function claimColdStart(): boolean {
  const coldStart = !served;
  served = true;
  return coldStart;
}
