import { z } from "zod";
import { requireViewer } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { ParleyError, toErrorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getStores } from "@/lib/store/get-stores";

type Context = RouteContext<"/api/keys/[id]">;

const keyNotFound = () => new ParleyError("not_found", "There is no such API key.");

/** Revokes the key: it stops working at once. 404 for a key the user does not have. */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  try {
    assertSameOrigin(request, getEnv().APP_URL);
    const { userId } = await requireViewer(request);
    // Keys are made with random UUIDs: any other id is simply not found.
    const keyId = z.uuid().safeParse((await params).id);
    if (!keyId.success) throw keyNotFound();
    if (!(await (await getStores()).apiKeys.revoke(userId, keyId.data))) throw keyNotFound();
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const otherMethod = methodNotAllowed(["DELETE"]);
export { otherMethod as GET, otherMethod as PATCH, otherMethod as POST, otherMethod as PUT };
