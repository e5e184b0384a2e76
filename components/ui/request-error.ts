// The browser's side of the API's errors: every fetch of /api/… that fails throws with the server's
// message, and what the user reads of it, or of a failed fetch, comes from here.

/** The server's `{ error: { message } }`, or a sentence for the status when there is none. */
export async function requestError(response: Response, fallback: string): Promise<Error> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body === "object" && body !== null && "error" in body) {
    const { error } = body;
    if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
      return new Error(error.message);
    }
  }
  return new Error(response.status >= 500 ? `${fallback} The server had a problem; try again.` : fallback);
}

/** The readable text of an error `requestError` made, or of one fetch itself threw (offline). */
export function errorText(error: unknown): string {
  if (error instanceof TypeError) return "The server could not be reached. Check your connection and try again.";
  return error instanceof Error && error.message ? error.message : "Something went wrong.";
}
