import { dynamicTool, jsonSchema, type JSONSchema7, type ToolChoice, type ToolSet } from "ai";
import { ParleyError } from "@/lib/errors";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import type { FunctionTool, ToolChoice as RequestedToolChoice } from "./completion-request-schema";

const NO_ARGUMENTS: JSONSchema7 = { type: "object", properties: {} };

/**
 * The client's functions as tools the model may call beside Parley's own. They have no `execute`:
 * a call of one ends the answer, and the client sends its result with its next request. A name
 * Parley's own tools use is refused, so a call always goes to one place.
 */
export function toClientTools(functions: readonly FunctionTool[] | undefined, parleyTools: ToolDefinitions): ToolSet {
  const tools: ToolSet = {};
  for (const { function: definition } of functions ?? []) {
    const { name, description, parameters } = definition;
    if (name in parleyTools) throw new ParleyError("invalid_request", `"${name}" is the name of one of Parley's own tools: give your function another name.`);
    if (name in tools) throw new ParleyError("invalid_request", `Two functions are named "${name}".`);
    tools[name] = dynamicTool({ description, inputSchema: jsonSchema((parameters as JSONSchema7 | undefined) ?? NO_ARGUMENTS) });
  }
  return tools;
}

/** OpenAI's `tool_choice` as the AI SDK's; a named function must be one the model can call. */
export function toToolChoice(choice: RequestedToolChoice | undefined, toolNames: ReadonlySet<string>): ToolChoice<ToolSet> | undefined {
  if (choice === undefined || choice === "auto") return undefined;
  if (typeof choice === "string") return choice;
  const { name } = choice.function;
  if (!toolNames.has(name)) throw new ParleyError("invalid_request", `\`tool_choice\` names "${name}", which is neither one of your functions nor one of Parley's tools.`);
  return { type: "tool", toolName: name };
}
