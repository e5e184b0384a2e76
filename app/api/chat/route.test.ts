import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { abortedUpload } from "@/test/support/aborted-upload";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";
import { POST } from "./route";

// A client that goes away while it sends its message: anyone can do that, so it must not look like
// a fault of the server (an ERROR line, a ChatError that trips the alarm).

describe("POST /api/chat", () => {
  let output: CapturedOutput;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it("logs a body cut off by the client as an info line, and counts no chat error", async () => {
    const response = await POST(abortedUpload("http://localhost:3000/api/chat", { host: "localhost:3000" }));

    expect(response.status).toBe(499);
    const logs = output.logs();
    expect(logs.filter((line) => line.level === "ERROR" || line.level === "WARN")).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: "INFO", message: "client closed the request", error: { name: "Error", message: "aborted" } }));
    expect(output.emf().filter((document) => "ChatErrors" in document || "ChatRequests" in document)).toEqual([]);
  });
});
