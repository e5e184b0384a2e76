import { ParleyError } from "@/lib/errors";
import { toOpenAiErrorResponse } from "@/lib/openai-api/openai-error";

// Every /v1 path that no route serves answers in OpenAI's error format, as OpenAI's own API does,
// not with Next's HTML 404 page. More specific routes win over this one.

function notFound(): Response {
  return toOpenAiErrorResponse(new ParleyError("not_found", "There is no such route in Parley's OpenAI-compatible API: see GET /api/openapi.json."));
}

export { notFound as DELETE, notFound as GET, notFound as OPTIONS, notFound as PATCH, notFound as POST, notFound as PUT };
