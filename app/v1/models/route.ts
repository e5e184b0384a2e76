import { authenticateApiKey } from "@/lib/auth/api-key-auth";
import { getEnv } from "@/lib/env";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { modelList } from "@/lib/openai-api/model-list";
import { toOpenAiErrorResponse } from "@/lib/openai-api/openai-error";
import { getStores } from "@/lib/store/get-stores";

/** The models a client may name in `model`, as OpenAI lists its own. */
export async function GET(request: Request): Promise<Response> {
  try {
    const env = getEnv();
    await authenticateApiKey(request, (await getStores()).apiKeys, env);
    return Response.json(modelList(env));
  } catch (error) {
    return toOpenAiErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET"], toOpenAiErrorResponse);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
