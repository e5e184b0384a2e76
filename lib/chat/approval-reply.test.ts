import { isToolUIPart } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors";
import type { ChatMessage, ChatMessagePart } from "@/lib/message/chat-message";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { ToolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import { toolDefinitions } from "@/tools";
import { chatTestEnv as env, mockChatModel, textOf, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { continueApprovedAnswer, type ApprovalReply } from "./approval-reply";
import type { ChatRequest } from "./parse-chat-request";
import { runChatTurn } from "./run-chat-turn";

const userId = "user-1";
const approval: ToolApprovalSettings = { policies: { calculate: "always" }, secret: "a-test-secret-that-is-32-bytes-long!" };
const calculation = { toolName: "calculate", input: { expression: "6*7" }, id: "call-1" };

type ToolPartOf = Extract<ChatMessagePart, { toolCallId: string }>;
const toolPartsOf = (message: ChatMessage | undefined) => (message?.parts ?? []).filter((part): part is ToolPartOf => isToolUIPart(part));

describe("tool approval", () => {
  let stores: Stores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(async () => {
    await stores.close();
  });

  async function turn(request: ChatRequest, model = toolCallsThenText({ calls: [calculation], text: ["It is 42."] }), settings = approval) {
    const started = await runChatTurn({ stores, userId, request, chatModel: mockChatModel(model.model), env, tools: toolDefinitions, approval: settings });
    const reading = await readChatStream(started.response);
    await started.done;
    return { reading, prompts: model.prompts, stored: (await stores.chats.getChat(userId, "chat-1"))?.messages };
  }

  /** The reply the browser sends: the stored answer with the user's decision on the waiting call. */
  async function replyDeciding(approved: boolean, change: (part: ToolPartOf) => object = () => ({})): Promise<ApprovalReply> {
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages.at(-1);
    if (answer?.role !== "assistant") throw new Error("expected a stored answer");
    const parts = answer.parts.map((part) =>
      isToolUIPart(part) && part.state === "approval-requested"
        ? ({ ...part, state: "approval-responded", approval: { ...part.approval, approved }, ...change(part) } as ChatMessagePart)
        : part,
    );
    return { chatId: "chat-1", answer: { ...answer, role: "assistant", parts } };
  }

  const continued = async (reply: ApprovalReply) => continueApprovedAnswer(await stores.chats.getChat(userId, "chat-1"), reply);

  it("asks before a call runs, signs the request, and stores the answer waiting", async () => {
    const { reading, stored, prompts } = await turn(userRequest("What is 6*7?"));
    expect(reading.chunks.some(({ chunk }) => chunk.type === "tool-output-available" || chunk.type === "data-toolRun")).toBe(false);
    expect(prompts).toHaveLength(1);
    const [part] = toolPartsOf(stored?.at(-1));
    expect(part).toMatchObject({ type: "tool-calculate", state: "approval-requested", input: { expression: "6*7" } });
    expect(part?.state === "approval-requested" && part.approval.signature).toEqual(expect.any(String));
  });

  it("runs the call once approved, and the same answer goes on", async () => {
    const first = await turn(userRequest("What is 6*7?"));
    const answerId = first.stored?.at(-1)?.id;
    const { stored, prompts } = await turn(await continued(await replyDeciding(true)), toolCallsThenText({ text: ["It is 42."] }));
    expect(stored?.map((message) => message.id)).toEqual(["u1", answerId]);
    expect(toolPartsOf(stored?.at(-1))).toEqual([expect.objectContaining({ state: "output-available", output: expect.objectContaining({ result: "42" }) })]);
    expect(textOf(stored?.at(-1))).toBe("It is 42.");
    expect(JSON.stringify(prompts[0])).toContain('"result":"42"');
  });

  it("tells the model of a denial, and the model answers", async () => {
    await turn(userRequest("What is 6*7?"));
    const { stored, prompts, reading } = await turn(await continued(await replyDeciding(false)), toolCallsThenText({ text: ["I did not calculate it."] }));
    expect(reading.chunks.some(({ chunk }) => chunk.type === "data-toolRun")).toBe(false);
    expect(toolPartsOf(stored?.at(-1))).toEqual([expect.objectContaining({ state: "output-denied" })]);
    expect(JSON.stringify(prompts[0])).toContain("execution-denied");
    expect(textOf(stored?.at(-1))).toBe("I did not calculate it.");
  });

  it("runs a call once when two views approve it at the same time: the later is refused once the chat is claimed", async () => {
    await turn(userRequest("What is 6*7?"));
    const [first, second] = [await continued(await replyDeciding(true)), await continued(await replyDeciding(true))];
    const { reading } = await turn(first, toolCallsThenText({ text: ["It is 42."] }));
    expect(reading.chunks.filter(({ chunk }) => chunk.type === "tool-output-available")).toHaveLength(1);
    const model = toolCallsThenText({ text: ["again"] });
    const refused = await runChatTurn({ stores, userId, request: second, chatModel: mockChatModel(model.model), env, tools: toolDefinitions, approval }).catch((error: unknown) => error);
    expect((refused as ParleyError).code).toBe("invalid_request");
    expect(model.prompts).toHaveLength(0);
    expect(textOf((await stores.chats.getChat(userId, "chat-1"))?.messages.at(-1))).toBe("It is 42.");
  });

  it.each([
    ["a request the server did not sign", () => ({ approval: { id: "forged", approved: true } })],
    ["a signature of its own", (part: ToolPartOf) => ({ approval: { ...(part.state === "approval-requested" ? part.approval : {}), approved: true, signature: "forged" } })],
    ["another call", () => ({ toolCallId: "call-9" })],
    ["another input", () => ({ input: { expression: "process.exit(1)" } })],
    ["another tool", () => ({ type: "tool-getCurrentTime" })],
  ])("refuses an approval with %s (400), and nothing runs", async (_case, change) => {
    await turn(userRequest("What is 6*7?"));
    const error = await continued(await replyDeciding(true, change)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe("invalid_request");
  });

  it("refuses an approval of an answer that waits for none", async () => {
    await turn(userRequest("What is 6*7?"), toolCallsThenText({ text: ["Hello."] }));
    const answer = (await stores.chats.getChat(userId, "chat-1"))?.messages.at(-1) as ChatMessage & { role: "assistant" };
    const forged = { ...answer, parts: [...answer.parts, { type: "tool-calculate", toolCallId: "call-1", state: "approval-responded", input: { expression: "1" }, approval: { id: "a", approved: true } } as ChatMessagePart] };
    await expect(continued({ chatId: "chat-1", answer: forged })).rejects.toThrow(/already decided: nothing in it waits for approval/);
  });

  it("runs nothing when the stored request's signature does not hold (another key signed it)", async () => {
    await turn(userRequest("What is 6*7?"));
    const request = await continued(await replyDeciding(true));
    const { reading, stored } = await turn(request, toolCallsThenText({ text: ["x"] }), { ...approval, secret: "another-secret-that-is-also-32-bytes!" });
    expect(reading.chunks.some(({ chunk }) => chunk.type === "data-toolRun" || chunk.type === "tool-output-available")).toBe(false);
    expect(toolPartsOf(stored?.at(-1)).some((part) => part.state === "output-available")).toBe(false);
  });
});
