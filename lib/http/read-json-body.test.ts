import { describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors";
import { abortedUpload } from "@/test/support/aborted-upload";
import { readJsonBody } from "./read-json-body";

describe("readJsonBody", () => {
  it("reads a JSON body", async () => {
    const request = new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(await readJsonBody(request, 100)).toEqual({ a: 1 });
  });

  it("says the client closed the request when the body breaks off, not that something failed here", async () => {
    const error: unknown = await readJsonBody(abortedUpload(), 10_000).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ code: "client_closed_request", status: 499, cause: { message: "aborted" } });
  });
});
