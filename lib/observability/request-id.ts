import { randomUUID } from "node:crypto";

// On Lambda the runtime keeps the invocation's request id in its invoke store; the same id is on
// the platform's START/END/REPORT lines, so our lines can be matched with them.
type LambdaGlobals = { awslambda?: { InvokeStore?: { getRequestId(): string } } };

/** The id of the request being served: Lambda's request id when there is one, a random UUID otherwise. */
export function currentRequestId(): string {
  const lambdaRequestId = (globalThis as LambdaGlobals).awslambda?.InvokeStore?.getRequestId();
  return lambdaRequestId && lambdaRequestId !== "-" ? lambdaRequestId : randomUUID();
}
