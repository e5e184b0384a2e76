import { describe, expect, it } from "vitest";
import { errorBodySchema, errorStatus, ParleyError, type ErrorCode } from "./errors";

describe("the error body", () => {
  it("is what the schema the OpenAPI document shows says, for every code", async () => {
    for (const code of Object.keys(errorStatus) as ErrorCode[]) {
      const response = new ParleyError(code, "Something.", code === "rate_limited" ? { retryAt: Date.now() + 60_000 } : {}).toResponse();
      const body: unknown = await response.json();
      expect(errorBodySchema.parse(body), code).toEqual(body);
      expect(response.status).toBe(errorStatus[code]);
    }
  });
});
