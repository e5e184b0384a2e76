import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { ChatJson } from "@/lib/chat/chat-json";
import { STDIO_ON_LAMBDA } from "@/lib/mcp/mcp-connection";
import type { ToolListJson } from "@/lib/tools/tool-list-json";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/test/fixtures/fake-openai/server";
import { toolResultsIn } from "@/test/fixtures/fake-openai/tool-results";
import { everythingStdioCommand, startEverythingHttp, type EverythingHttpServer, type EverythingStdioCommand } from "@/test/support/everything-server";
import { assertStreamed } from "./assert-streamed";
import { type LocalLambda, chatRequest, jsonOf, readChatBody, startLocalLambda, textOf } from "./lambda-harness";
import { toolCallsIn } from "./tool-calls-in-stream";

// MCP tools on Lambda: the bundle SST deploys, under AWS's runtime client, with MCP_SERVERS naming
// the MCP project's reference server reached over Streamable HTTP (started here, a real process),
// a stdio entry that Lambda must not start, and a second HTTP server that dies. The model (the
// fake OpenAI server, scripted per chat) calls the servers' tools by name; they run in the function.

/** Long enough, at this pace, that the answer's text spans most of the turn, tool step included. */
const TOKEN_DELAY_MS = 40;
const ANSWER = [
  "The echo came back from the MCP server just as it was sent, and the long operation reported each of its two steps before it finished.",
  "Both calls ran inside the function while this answer was on its way, and their results are what the model read before it wrote these words to you.",
].join(" ");
const ECHOED = "hello from Lambda";
const LONG_OPERATION_DONE = "Long running operation completed. Duration: 0.5 seconds, Steps: 2.";

describe("MCP tools in the streaming Lambda bundle", () => {
  let lambda: LocalLambda;
  let fake: FakeOpenAIServer;
  let everything: EverythingHttpServer;
  let fragile: EverythingHttpServer;
  let stdio: EverythingStdioCommand;

  beforeAll(async () => {
    [fake, everything, fragile] = await Promise.all([startFakeOpenAIServer(), startEverythingHttp(), startEverythingHttp()]);
    stdio = everythingStdioCommand();
    const mcpServers = [
      { name: "everything", url: everything.url, denyTools: ["get-env"] },
      { name: "local", command: stdio.command, args: stdio.args },
      { name: "fragile", url: fragile.url, allowTools: ["echo"] },
    ];
    lambda = await startLocalLambda({
      bundleDir: inject("bundles").streaming,
      env: { MCP_SERVERS: JSON.stringify(mcpServers), OPENAI_API_KEY: "sk-lambda-test", OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "gpt-fake" },
    });
  });

  afterAll(async () => {
    await lambda?.stop();
    await Promise.all([fake?.close(), everything?.kill(), fragile?.kill()]);
    stdio?.cleanUp();
  });

  test("lists the HTTP servers' tools as available, and the stdio entry as unavailable on Lambda, with the reason", async () => {
    const { recording, response } = await lambda.request({ path: "/api/tools" });
    expect(recording.error).toBeUndefined();
    expect(response.statusCode).toBe(200);
    const listed = jsonOf<ToolListJson>(response);
    expect(listed.mcpServers).toEqual([
      { name: "everything", transport: "http", status: "available" },
      { name: "local", transport: "stdio", status: "unavailable", reason: STDIO_ON_LAMBDA },
      { name: "fragile", transport: "http", status: "available" },
    ]);
    expect(listed.tools).toEqual(
      expect.arrayContaining([
        // Read-only by the server's word: under the entries' default policy (hints) it does not ask first.
        { name: "everything__echo", server: "everything", title: "Echo Tool", status: "available", asksApproval: false },
        expect.objectContaining({ name: "everything__trigger-long-running-operation", server: "everything", status: "available" }),
        { name: "fragile__echo", server: "fragile", title: "Echo Tool", status: "available", asksApproval: false },
      ]),
    );
    expect(listed.tools.map((tool) => tool.name)).not.toContain("everything__get-env");
    expect(listed.tools.filter((tool) => tool.server === "local")).toEqual([]);
    // No process was started for the stdio entry: its launcher never wrote its process id.
    expect(() => stdio.pid()).toThrow(/ENOENT/);
    expect(lambda.runtimeApi.initError).toBeUndefined();
  });

  test("runs a server's tools in the function: their parts and run reports stream, the answer streams and is stored", async () => {
    const scenario = fake.addScenario({
      turns: [
        {
          type: "tool-calls",
          calls: [
            { name: "everything__echo", arguments: { message: ECHOED } },
            { name: "everything__trigger-long-running-operation", arguments: { duration: 0.5, steps: 2 } },
          ],
        },
        { type: "text", text: ANSWER, tokenDelayMs: TOKEN_DELAY_MS },
      ],
    });
    const chatId = `lambda-mcp-${crypto.randomUUID()}`;
    const recording = await lambda.invoke(chatRequest(chatId, `${scenario.marker} Echo "${ECHOED}" and run the long operation.`)).result;

    const { response } = assertStreamed(recording);
    const reading = await readChatBody(response);
    expect(reading.invalid).toEqual([]);
    expect(toolCallsIn(reading)).toEqual([
      {
        toolCallId: expect.any(String),
        toolName: "everything__echo",
        input: { message: ECHOED },
        preliminaryOutputs: [{ text: `Echo: ${ECHOED}` }],
        output: { text: `Echo: ${ECHOED}` },
        runStatuses: ["running", "done"],
      },
      {
        toolCallId: expect.any(String),
        toolName: "everything__trigger-long-running-operation",
        input: { duration: 0.5, steps: 2 },
        preliminaryOutputs: [{ progress: "1 of 2" }, { progress: "2 of 2" }, { text: LONG_OPERATION_DONE }],
        output: { text: LONG_OPERATION_DONE },
        runStatuses: ["running", "done"],
      },
    ]);
    expect(reading.chunks.at(-1)?.chunk.type).toBe("finish");
    expect(textOf(reading.message)).toBe(ANSWER);
    // The model was given what the server answered.
    const [, second] = scenario.requests();
    expect(JSON.stringify(second && toolResultsIn(second))).toContain(`Echo: ${ECHOED}`);

    const chat = jsonOf<ChatJson>((await lambda.request({ path: `/api/chats/${chatId}` })).response);
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    const stored = chat.messages[1];
    expect(textOf(stored)).toBe(ANSWER);
    expect(stored?.parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "tool-everything__echo", state: "output-available", input: { message: ECHOED }, output: { text: `Echo: ${ECHOED}` } }),
        expect.objectContaining({ type: "tool-everything__trigger-long-running-operation", state: "output-available" }),
      ]),
    );
    const storedRuns = stored?.parts.filter((part) => part.type === "data-toolRun").map((part) => (part as { data?: { toolName: string; status: string } }).data);
    expect(storedRuns).toEqual([
      expect.objectContaining({ toolName: "everything__echo", status: "done" }),
      expect.objectContaining({ toolName: "everything__trigger-long-running-operation", status: "done" }),
    ]);
  });

  test("a server that died before the call fails its chip, and the answer still ends and is stored", async () => {
    await fragile.kill();
    const failedAnswer = "The fragile server did not answer, so the echo could not be made; everything else still works.";
    const scenario = fake.addScenario({
      turns: [{ type: "tool-calls", calls: [{ name: "fragile__echo", arguments: { message: "anyone there?" } }] }, { type: "text", text: failedAnswer }],
    });
    const chatId = `lambda-mcp-${crypto.randomUUID()}`;
    const { recording, response } = await lambda.request(chatRequest(chatId, `${scenario.marker} Ask the fragile server to echo.`));
    expect(recording.responseMode).toBe("streaming");
    expect(response.statusCode).toBe(200);

    const reading = await readChatBody(response);
    expect(reading.invalid).toEqual([]);
    const gone = 'The MCP server "fragile" went away during the call.';
    expect(toolCallsIn(reading)).toEqual([expect.objectContaining({ toolName: "fragile__echo", errorText: expect.stringContaining(gone), runStatuses: ["running", "failed"] })]);
    expect(reading.chunks.at(-1)?.chunk.type).toBe("finish");
    expect(textOf(reading.message)).toBe(failedAnswer);

    const chat = jsonOf<ChatJson>((await lambda.request({ path: `/api/chats/${chatId}` })).response);
    const stored = chat.messages[1];
    expect(textOf(stored)).toBe(failedAnswer);
    expect(stored?.parts).toEqual(expect.arrayContaining([expect.objectContaining({ type: "tool-fragile__echo", state: "output-error", errorText: expect.stringContaining(gone) })]));
  });
});
