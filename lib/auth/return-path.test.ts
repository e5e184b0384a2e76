import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loginPath, safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path of this app, with its query", () => {
    expect(safeReturnPath("/")).toBe("/");
    expect(safeReturnPath("/chat/abc-123")).toBe("/chat/abc-123");
    expect(safeReturnPath("/chat/abc?x=1&y=2")).toBe("/chat/abc?x=1&y=2");
    expect(safeReturnPath("/chat/../chat/abc")).toBe("/chat/abc");
  });

  it("falls back to / for anything that could leave the app", () => {
    for (const value of [
      undefined,
      null,
      "",
      "chat/abc",
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "javascript:alert(1)",
      " /chat/abc",
      `/${"a".repeat(2_001)}`,
    ]) {
      expect(safeReturnPath(value), String(value)).toBe("/");
    }
  });

  it("never returns to the sign-in routes or the API (no loops, no JSON pages)", () => {
    for (const value of ["/auth/login", "/auth/callback?code=x", "/auth", "/api/chats", "/_next/static/x.js"]) {
      expect(safeReturnPath(value), value).toBe("/");
    }
    expect(safeReturnPath("/authors")).toBe("/authors");
  });

  it("falls back to / for paths whose dot segments collapse into another host", () => {
    for (const value of ["/.//evil.example", "/..//x", "/a/..//x", "/%2e//x", "/%2E%2E//x", "/./\\evil.example", "/chat/../..//evil.example/x?y=1"]) {
      expect(safeReturnPath(value), value).toBe("/");
    }
  });

  it("whatever path shape it is given, the result stays on the app's origin and is its own check's answer", () => {
    const app = "https://app.example";
    const segment = fc.constantFrom(".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "", "evil.example", "chat", "%2f", "%5c", "%09", "%00", "@evil.example", ":", "https:", "javascript:alert(1)", "api", "auth");
    const separator = fc.constantFrom("/", "//", "\\", "/\\", "\\/", "/\t/", "/\n", "\r/", "/ /");
    const start = fc.constantFrom("/", "//", "/\\", "\\", "https:", "https://evil.example/", "http:/", " /", "\t/", "/%2f");
    const end = fc.constantFrom("", "?x=1", "?next=//evil.example", "#//evil.example", "?a#b");
    const pathShape = fc
      .tuple(start, fc.array(fc.tuple(segment, separator), { maxLength: 6 }), segment, end)
      .map(([head, pairs, last, tail]) => `${head}${pairs.map(([name, slash]) => `${name}${slash}`).join("")}${last}${tail}`);
    fc.assert(
      fc.property(fc.oneof(pathShape, fc.string(), fc.webUrl(), fc.string().map((text) => `/${text}`), fc.string().map((text) => `//${text}`)), (value) => {
        const result = safeReturnPath(value);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(result.startsWith("/\\")).toBe(false);
        expect(new URL(result, app).origin).toBe(app);
        expect(safeReturnPath(result)).toBe(result);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("loginPath", () => {
  it("carries the return path and the prompt", () => {
    expect(loginPath("/")).toBe("/auth/login");
    expect(loginPath("/chat/abc?x=1")).toBe("/auth/login?returnTo=%2Fchat%2Fabc%3Fx%3D1");
    expect(loginPath("/", { prompt: "login" })).toBe("/auth/login?prompt=login");
    expect(loginPath("/.//evil.example")).toBe("/auth/login");
  });
});
