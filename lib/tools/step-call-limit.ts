import { ToolFailure } from "./tool-errors";

/**
 * How many tool calls one model step may start. A model can ask for hundreds of calls in one
 * step (each an outbound request, say); the calls beyond the limit fail with an error the model
 * reads, and it may ask again in its next step.
 */
export type StepCallLimit = {
  /** Called as each step starts: the count begins again. */
  startStep(): void;
  /** Counts one call; throws a ToolFailure for a call beyond the limit. */
  takeCall(): void;
};

export function createStepCallLimit(maxCallsPerStep: number): StepCallLimit {
  let calls = 0;
  return {
    startStep() {
      calls = 0;
    },
    takeCall() {
      calls += 1;
      if (calls > maxCallsPerStep) {
        throw new ToolFailure(
          `Only ${maxCallsPerStep} tool calls may run in one step; this one was not run. Make fewer calls at once.`,
        );
      }
    },
  };
}
