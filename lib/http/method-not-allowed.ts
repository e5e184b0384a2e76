import { ParleyError } from "@/lib/errors";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The handler an API route exports for the methods it does not serve, so that they answer JSON
 * like the rest of the API (with `Allow`), not Next's empty 405.
 */
export function methodNotAllowed(allowed: readonly Method[]): () => Response {
  const allow = allowed.join(", ");
  return () => {
    const response = new ParleyError("method_not_allowed", `This route answers ${allow} only.`).toResponse();
    response.headers.set("allow", allow);
    return response;
  };
}
