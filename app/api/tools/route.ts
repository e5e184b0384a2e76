import { requireViewer } from "@/lib/auth/authenticate";
import { toErrorResponse } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { toToolListJson } from "@/lib/tools/tool-list-json";
import { withMcpTools } from "@/lib/tools/tool-set";
import { toolDefinitions } from "@/tools";

/** The tools the model may call, MCP servers' included, and why those of a server that is down are not offered now. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireViewer(request);
    const env = getEnv();
    return Response.json(toToolListJson(await withMcpTools(toolDefinitions, env), env.TOOL_APPROVAL), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
