/**
 * A tool failure whose message is safe to show to the user and the model: no stack, no URL with
 * credentials, no internal detail. Anything else a tool throws is shown as a generic failure.
 */
export class ToolFailure extends Error {
  override name = "ToolFailure";
}

export class ToolTimeoutError extends ToolFailure {
  override name = "ToolTimeoutError";

  constructor(readonly timeoutMs: number) {
    super(`The tool did not answer within ${formatSeconds(timeoutMs)} and was stopped.`);
  }
}

function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** Anything else a tool threw, with its message scrubbed of secrets: fit for the model, not the user. */
export class UnexpectedToolError extends Error {
  override name = "UnexpectedToolError";
}

export const GENERIC_TOOL_ERROR = "The tool failed unexpectedly.";
