import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { stopChildProcess } from "@/test/support/stop-child-process";
import { projectRoot } from "./bundles";
import type { RuntimeApi } from "./runtime-api";

// One Lambda execution environment: a bundle run by AWS's own runtime client (aws-lambda-ric,
// the same code as the managed Node.js runtime's bootstrap) against a local Runtime API, with
// the environment Lambda sets and nothing of this machine's.

const RUNTIME_CLIENT = join(projectRoot, "node_modules/aws-lambda-ric/index.mjs");

export type FunctionProcess = {
  child: ChildProcess;
  /** performance.now() just before the process was spawned. */
  spawnedAtMs: number;
  /** Everything the function wrote to stdout and stderr (its CloudWatch log). */
  logs(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
};

export type FunctionOptions = {
  bundleDir: string;
  runtimeApi: RuntimeApi;
  /** The function's own configuration (the app's environment variables). */
  env: Record<string, string>;
  /** module.export in the bundle folder; OpenNext's is index.handler. */
  handler?: string;
  memoryMb?: number;
};

export function startFunction({ bundleDir, runtimeApi, env, handler = "index.handler", memoryMb = 1024 }: FunctionOptions): FunctionProcess {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 24) throw new Error(`The function runs on Node 24 (nodejs24.x); this is ${process.version}. Run through npm/npx so node_modules/.bin/node (Node 24) is used.`);

  const functionName = "parley-server";
  const lambdaEnv: Record<string, string> = {
    // What Lambda itself sets (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    LAMBDA_TASK_ROOT: bundleDir,
    LAMBDA_RUNTIME_DIR: join(projectRoot, "node_modules/aws-lambda-ric"),
    _HANDLER: handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${major}.x`,
    AWS_LAMBDA_RUNTIME_API: runtimeApi.address,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `2026/01/01/[$LATEST]${"0".repeat(32)}`,
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    // The execution role's credentials; only a local DynamoDB-compatible server sees them.
    AWS_ACCESS_KEY_ID: "AKIDLOCALLAMBDATEST",
    AWS_SECRET_ACCESS_KEY: "local-lambda-test-secret",
    AWS_SESSION_TOKEN: "local-lambda-test-session",
    // Not Lambda's but the app's: these tests and benchmarks serve the one local user (no login),
    // which the app refuses on Lambda unless told it is on purpose (lib/auth/lambda-guard.ts).
    ALLOW_ANONYMOUS: "true",
    ...env,
  };

  const spawnedAtMs = performance.now();
  const child = spawn(process.execPath, [RUNTIME_CLIENT, handler], {
    cwd: bundleDir,
    // Lambda sets no NODE_ENV (Next's types declare it required); the bundle defaults it to production.
    env: lambdaEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (output += text));

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code, signal) => {
      runtimeApi.abortAll(`The function process exited (code ${code}, signal ${signal}). Its log:\n${output.slice(-4_000)}`);
      resolve(code);
    });
  });

  return {
    child,
    spawnedAtMs,
    logs: () => output,
    exited,
    stop: () => stopChildProcess(child, exited, 3_000),
  };
}
