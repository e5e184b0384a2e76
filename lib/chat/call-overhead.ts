import { asSchema } from "ai";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";

// What every model call sends besides the messages, worked out once per tool set.
const toolTextBySet = new WeakMap<ToolDefinitions, Promise<string>>();

/** The instructions and the tools' names, descriptions and input schemas, as text to count. */
export async function callOverheadText(instructions: string, tools: ToolDefinitions): Promise<string> {
  let toolText = toolTextBySet.get(tools);
  if (!toolText) toolTextBySet.set(tools, (toolText = toolsAsSent(tools)));
  return `${instructions}\n${await toolText}`;
}

async function toolsAsSent(tools: ToolDefinitions): Promise<string> {
  const sent = await Promise.all(
    Object.entries(tools).map(async ([name, { tool }]) => ({ name, description: tool.description, parameters: await asSchema(tool.inputSchema).jsonSchema })),
  );
  return JSON.stringify(sent);
}
