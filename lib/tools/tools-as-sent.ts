import { asSchema } from "ai";
import type { ToolDefinitions } from "./tool-definition";

// What a tool set adds to every model call, worked out once per tool set.
const textBySet = new WeakMap<ToolDefinitions, Promise<string>>();

/** The tools' names, descriptions and input schemas as each model call sends them, as JSON to count. */
export function toolsAsSentText(tools: ToolDefinitions): Promise<string> {
  let text = textBySet.get(tools);
  if (!text) textBySet.set(tools, (text = describeTools(tools)));
  return text;
}

async function describeTools(tools: ToolDefinitions): Promise<string> {
  const sent = await Promise.all(
    Object.entries(tools).map(async ([name, { tool }]) => ({ name, description: tool.description, inputSchema: await asSchema(tool.inputSchema).jsonSchema })),
  );
  return JSON.stringify(sent);
}
