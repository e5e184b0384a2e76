import { ParleyError } from "@/lib/errors";

/**
 * Reads a JSON request body without ever holding more than `maxBytes`: a declared Content-Length
 * over the cap is refused before reading, and a chunked body is cut off as soon as it passes it.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType.trim())) {
    throw new ParleyError("unsupported_media_type", "Send the request body as application/json.");
  }
  const tooLarge = () => new ParleyError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  const declaredLength = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw tooLarge();
  if (!request.body) throw new ParleyError("invalid_json", "The request body is empty.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      // The only way reading a request's body fails: the connection broke while the client sent it.
      throw new ParleyError("client_closed_request", "The request body did not arrive whole: the connection was closed.", { cause: error });
    });
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }

  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new ParleyError("invalid_json", "The request body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParleyError("invalid_json", "The request body is not valid JSON.");
  }
}
