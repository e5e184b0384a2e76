import { describe, expect, it } from "vitest";
import { parseStreamIdParam } from "./stream-id";

describe("parseStreamIdParam", () => {
  const at = (query: string) => new URL(`http://localhost/api/chat/c1/stream${query}`);

  it("reads the stream a resume request names, and none when it names none", () => {
    expect(parseStreamIdParam(at("?stream=aB3_x-9"))).toBe("aB3_x-9");
    expect(parseStreamIdParam(at(""))).toBeUndefined();
  });

  it.each(["", "a b", "x".repeat(65), "../other", "%00"])("refuses a malformed id (%j) as a bad request", (value) => {
    expect(() => parseStreamIdParam(at(`?stream=${encodeURIComponent(value)}`))).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });
});
