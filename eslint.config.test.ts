import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layering rules of eslint.config.mjs, applied by `npm run lint`: each case is a file's text
// linted as if it stood at that path.

const eslint = new ESLint({ cwd: new URL(".", import.meta.url).pathname });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "import/no-restricted-paths" || message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

describe("the layering rules", () => {
  it.each([
    ["lib/chat/upward.ts", 'import { toolDefinitions } from "@/tools";\nexport const tools = toolDefinitions;', "lib/ is the bottom layer"],
    ["lib/quota/upward.ts", 'import { toolDefinitions } from "../../tools";\nexport const tools = toolDefinitions;', "lib/ is the bottom layer"],
    ["lib/store/upward.ts", 'import type { ChatJson } from "@/lib/chat/chat-json";\nexport type Json = ChatJson;', "lib/chat and lib/openai-api are the top of lib"],
    ["lib/quota/upward.ts", 'import { runCompletion } from "@/lib/openai-api/run-completion";\nexport const run = runCompletion;', "lib/chat and lib/openai-api are the top of lib"],
    ["lib/chat/upward.ts", 'import { runCompletion } from "@/lib/openai-api/run-completion";\nexport const run = runCompletion;', "lib/openai-api sits above lib/chat"],
    ["lib/message/upward.ts", 'import type { Env } from "@/lib/env";\nexport type Config = Env;', "lib/message is the bottom of lib"],
    ["tools/upward.ts", 'import { Chat } from "@/components/chat/chat";\nexport const chat = Chat;', "tools/ sit below the UI"],
    ["components/chat/upward.tsx", 'import { GET } from "@/app/api/health/route";\nexport const get = GET;', "components/ sit below the routes"],
    ["lib/chat/from-tests.ts", 'import { textOf } from "@/test/support/chat-fixtures";\nexport const text = textOf;', "never imports test support"],
    ["components/chat/server-code.ts", 'import { getEnv } from "@/lib/env";\nexport const env = getEnv;', "only types from lib/"],
    ["components/chat/server-tools.ts", 'import { toolDefinitions } from "@/tools";\nexport const tools = toolDefinitions;', "only types from tools/"],
    ["components/chat/beside-message-code.ts", 'import { getEnv } from "@/lib/messages/env";\nexport const env = getEnv;', "only types from lib/"],
    ["components/chat/relative-server-code.ts", 'import { getEnv } from "../../lib/env";\nexport const env = getEnv;', "only types from lib/"],
    ["components/chat/relative-server-tools.ts", 'import { toolDefinitions } from "../../tools";\nexport const tools = toolDefinitions;', "only types from tools/"],
    ["tools/calculate/value-presenter.ts", 'import { calculate } from "./calculate";\nexport const tool = calculate;', "A presenter takes only types"],
  ])("refuse %s", async (filePath, code, reason) => {
    const errors = await layeringErrors(filePath, code);
    expect(errors).toEqual([expect.stringContaining(reason)]);
  });

  it.each([
    ["app/api/example/route.ts", 'import { toolDefinitions } from "@/tools";\nexport const tools = toolDefinitions;'],
    ["tools/example.ts", 'import { defineTool } from "@/lib/tools/tool-definition";\nexport const define = defineTool;'],
    ["components/chat/example.ts", 'import type { Env } from "@/lib/env";\nexport type Config = Env;'],
    ["components/chat/message-code.ts", 'import { usageTotalOf } from "@/lib/message/usage-total";\nexport const total = usageTotalOf;'],
    ["components/chat/relative-message-code.ts", 'import { usageTotalOf } from "../../lib/message/usage-total";\nexport const total = usageTotalOf;'],
    ["components/chat/presenters.ts", 'import { toolPresenters } from "@/tools/presenters";\nexport const presenters = toolPresenters;'],
    ["components/chat/relative-presenters.ts", 'import { toolPresenters } from "../../tools/presenters";\nexport const presenters = toolPresenters;'],
    ["tools/calculate/example-presenter.ts", 'import type { calculate } from "./calculate";\nexport type Tool = typeof calculate;'],
    ["lib/chat/example.test.ts", 'import { toolDefinitions } from "@/tools";\nexport const tools = toolDefinitions;'],
  ])("allow %s", async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
