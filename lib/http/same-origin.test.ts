import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/chat", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

describe("isCrossSiteRequest", () => {
  it.each([
    ["same-origin fetch", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }, false],
    ["a non-browser client (no Origin, no Sec-Fetch-Site)", {}, false],
    ["another site's form", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, true],
    ["another site, old browser without Sec-Fetch-Site", { origin: "https://evil.example" }, true],
    ["a sibling subdomain", { origin: "http://other.127.0.0.1:3000", "sec-fetch-site": "same-site" }, true],
    ["an opaque origin (sandboxed frame)", { origin: "null" }, true],
    ["another port is another origin", { origin: "http://127.0.0.1:4000" }, true],
  ])("%s → %s", (_case, headers, expected) => {
    expect(isCrossSiteRequest(post(headers), undefined)).toBe(expected);
  });

  it("compares with APP_URL when the app sits behind a proxy that rewrites the host", () => {
    const request = post({ origin: "https://chat.example.com", host: "internal:3000" });
    expect(isCrossSiteRequest(request, "https://chat.example.com")).toBe(false);
    expect(isCrossSiteRequest(request, undefined)).toBe(true);
  });
});
