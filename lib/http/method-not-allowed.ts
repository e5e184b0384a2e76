import { ParleyError } from "@/lib/errors";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The handler an API route exports for the methods it does not serve, so that they answer JSON
 * like the rest of the API (with `Allow`), not Next's empty 405; `toResponse` words it for another API (/v1).
 */
export function methodNotAllowed(allowed: readonly Method[], toResponse = (error: ParleyError) => error.toResponse()): () => Response {
  const allow = allowed.join(", ");
  return () => {
    const response = toResponse(new ParleyError("method_not_allowed", `This route answers ${allow} only.`));
    response.headers.set("allow", allow);
    return response;
  };
}
