import { describe, expect, it } from "vitest";
import { errorText, requestError } from "./request-error";

const jsonResponse = (body: unknown, status: number) => Response.json(body, { status });

describe("requestError", () => {
  it("says what the server said", async () => {
    const refused = jsonResponse({ error: { code: "answer_in_progress", message: "An answer is being written in this chat." } }, 409);
    expect((await requestError(refused, "The chat could not be renamed.")).message).toBe("An answer is being written in this chat.");
  });

  it("falls back to a sentence for a body without a message, adding that the server failed on a 5xx", async () => {
    expect((await requestError(new Response("Bad Gateway", { status: 502 }), "The search failed.")).message).toBe(
      "The search failed. The server had a problem; try again.",
    );
    expect((await requestError(jsonResponse({ error: { message: 42 } }, 400), "The search failed.")).message).toBe("The search failed.");
    expect((await requestError(jsonResponse({ error: "nope" }, 404), "The search failed.")).message).toBe("The search failed.");
    expect((await requestError(new Response(null, { status: 429 }), "The search failed.")).message).toBe("The search failed.");
  });
});

describe("errorText", () => {
  it("reads a failed fetch as a connection problem, and an error as its message", () => {
    expect(errorText(new TypeError("Failed to fetch"))).toBe("The server could not be reached. Check your connection and try again.");
    expect(errorText(new Error("The chat could not be deleted."))).toBe("The chat could not be deleted.");
    expect(errorText(new Error(""))).toBe("Something went wrong.");
    expect(errorText("boom")).toBe("Something went wrong.");
  });
});
