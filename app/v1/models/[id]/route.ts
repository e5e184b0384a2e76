import { authenticateApiKey } from "@/lib/auth/api-key-auth";
import { getEnv } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { modelObject } from "@/lib/openai-api/model-list";
import { toOpenAiErrorResponse } from "@/lib/openai-api/openai-error";
import { getStores } from "@/lib/store/get-stores";

/** One configured model, as OpenAI's "retrieve model" answers. */
export async function GET(request: Request, { params }: RouteContext<"/v1/models/[id]">): Promise<Response> {
  try {
    const env = getEnv();
    await authenticateApiKey(request, (await getStores()).apiKeys, env);
    const { id } = await params;
    const model = env.models.find((candidate) => candidate.id === id);
    if (!model) throw new ParleyError("not_found", `The model "${id.slice(0, 200)}" does not exist here: GET /v1/models lists the models you can use.`);
    return Response.json(modelObject(model));
  } catch (error) {
    return toOpenAiErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"], toOpenAiErrorResponse);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
