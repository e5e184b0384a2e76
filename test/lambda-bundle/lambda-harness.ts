import { readChatStream, type ChatStreamReading } from "@/test/support/read-chat-stream";
import { startLocalDynamoDB } from "@/test/support/local-dynamodb";
import { type FunctionProcess, startFunction } from "./function-process";
import { type HttpResponse, type RequestOptions, functionUrlEvent, toHttpResponse } from "./function-url";
import { type Invocation, type InvocationRecording, type RuntimeApi, startRuntimeApi } from "./runtime-api";

// Lambda execution environments on this machine: the Runtime API, the function process (a bundle
// under aws-lambda-ric) and the DynamoDB-compatible store it talks to, as Lambda behind a Function
// URL would run them. Like Lambda, an environment handles one request at a time.

/** The table the function's store uses. */
export const LAMBDA_TEST_TABLE = "parley-lambda-test";

export type LambdaEnvironment = {
  runtimeApi: RuntimeApi;
  process: FunctionProcess;
  /** Sends a request through the Function URL; the returned invocation records the response as it arrives. */
  invoke(request: RequestOptions): Invocation;
  /** Sends a request and waits for the whole response. */
  request(request: RequestOptions): Promise<{ recording: InvocationRecording; response: HttpResponse }>;
  stop(): Promise<void>;
};

/** One execution environment with a store of its own, stopped with it. */
export type LocalLambda = LambdaEnvironment;

export type LocalLambdaOptions = {
  bundleDir: string;
  /** The app's configuration on top of the DynamoDB store's. */
  env?: Record<string, string>;
};

export async function startLocalLambda(options: LocalLambdaOptions): Promise<LocalLambda> {
  const dynamo = await startLocalDynamoDB();
  const environment = await startLambdaEnvironment({ ...options, dynamoEndpoint: dynamo.endpoint });
  return {
    ...environment,
    async stop() {
      await environment.stop();
      await dynamo.close();
    },
  };
}

/** One execution environment of the function, on a DynamoDB-compatible server it may share with others. */
export async function startLambdaEnvironment({ bundleDir, env = {}, dynamoEndpoint }: LocalLambdaOptions & { dynamoEndpoint: string }): Promise<LambdaEnvironment> {
  const runtimeApi = await startRuntimeApi();
  const functionProcess = startFunction({
    bundleDir,
    runtimeApi,
    env: {
      // Production's store; the app creates the table itself when an endpoint is configured.
      CHAT_STORE: "dynamodb",
      DYNAMODB_TABLE: LAMBDA_TEST_TABLE,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      ...env,
    },
  });

  const invoke = (request: RequestOptions) => runtimeApi.invoke(functionUrlEvent(request));
  return {
    runtimeApi,
    process: functionProcess,
    invoke,
    async request(request) {
      const recording = await invoke(request).result;
      return { recording, response: toHttpResponse(recording) };
    },
    async stop() {
      await functionProcess.stop();
      await runtimeApi.close();
    },
  };
}

/** The body of a POST /api/chat that sends one new user message. */
export function chatRequest(chatId: string, text: string, headers: Record<string, string> = {}): RequestOptions {
  return {
    method: "POST",
    path: "/api/chat",
    headers: { "accept-encoding": "identity", ...headers },
    body: { id: chatId, message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }, trigger: "submit-message" },
  };
}

/** A `POST /v1/chat/completions` with OpenAI's request body, made with an API key when one is given. */
export function completionRequest(body: Record<string, unknown>, apiKey?: string): RequestOptions {
  return {
    method: "POST",
    path: "/v1/chat/completions",
    headers: { "accept-encoding": "identity", ...(apiKey !== undefined && { authorization: `Bearer ${apiKey}` }) },
    body,
  };
}

/**
 * A new API key made through `POST /api/keys`, as the keys page makes one for the signed-in user
 * (the function's one user without login; `headers` carries a session cookie with login).
 */
export async function createApiKey(environment: Pick<LambdaEnvironment, "request">, { name = "lambda test", headers = {} }: { name?: string; headers?: Record<string, string> } = {}) {
  const { response } = await environment.request({ method: "POST", path: "/api/keys", headers, body: { name } });
  const text = response.body.toString("utf8");
  if (response.statusCode !== 201) throw new Error(`Creating an API key failed (HTTP ${response.statusCode}): ${text}`);
  const created = JSON.parse(text) as { key: { id: string }; secret: string };
  return { id: created.key.id, secret: created.secret };
}

/** Reads a whole response body as the AI SDK client would. */
export function readChatBody(response: HttpResponse): Promise<ChatStreamReading> {
  return readChatStream(new Response(new Uint8Array(response.body)));
}

/** A JSON response body, read as the given type (the route's schema). */
export function jsonOf<T>(response: HttpResponse): T {
  return JSON.parse(response.body.toString("utf8")) as T;
}

/** The text of a UI message, its text parts joined. */
export function textOf(message: { parts: ReadonlyArray<{ type: string; text?: string }> } | undefined): string {
  return (message?.parts ?? [])
    .filter((part) => part.type === "text")
    .map((part) => part.text ?? "")
    .join("");
}
