import { toApiKeyJson } from "@/lib/api-keys/api-key-json";
import { createApiKey, createApiKeyBodySchema } from "@/lib/api-keys/create-api-key";
import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getStores } from "@/lib/store/get-stores";

/** The user's API keys, newest first: `{ keys: [{ id, name, prefix, createdAt, lastUsedAt }] }`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { userId } = await requireViewer(request);
    const keys = await (await getStores()).apiKeys.list(userId);
    return Response.json({ keys: keys.map(toApiKeyJson) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Creates a key: `{ name }` → 201 `{ key, secret }`. The secret is in this answer only. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const viewer = await requireViewer(request);
    const body = createApiKeyBodySchema.safeParse(await readJsonBody(request, 10_000));
    if (!body.success) throw new ParleyError("invalid_request", body.error.issues[0]?.message ?? "Send { name }.");
    const created = await createApiKey((await getStores()).apiKeys, viewer, body.data);
    return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["GET", "POST"]);
export { otherMethod as DELETE, otherMethod as PATCH, otherMethod as PUT };
