// The thread `calculate` runs in (see calculate.ts): a calculation can take seconds of CPU, and
// only terminating its thread stops it.
import { serveWorkerCalls } from "../../lib/tools/worker/serve-worker-calls.ts";
import { calculation } from "./calculation.ts";

serveWorkerCalls(calculation);
