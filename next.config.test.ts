import { blockCrossSiteDEV } from "next/dist/server/lib/router-utils/block-cross-site-dev";
import { describe, expect, it, vi } from "vitest";
import nextConfig from "./next.config";

// Next's own check of `next dev`, with this config: which pages may use the live-reload socket.

const hmrRequest = (origin: string) =>
  ({ url: "/_next/webpack-hmr?id=1", headers: { origin, "sec-fetch-mode": "websocket", "sec-fetch-site": "same-origin" } }) as unknown as Parameters<typeof blockCrossSiteDEV>[0];
const response = () => ({ statusCode: 200, end: vi.fn() }) as unknown as Parameters<typeof blockCrossSiteDEV>[1];

describe("next dev", () => {
  it("serves its page at every loopback name, whatever interface it listens on (HOST)", () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const listening of ["127.0.0.1", "0.0.0.0", "::1"]) {
      for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
        expect(blockCrossSiteDEV(hmrRequest(origin), response(), nextConfig.allowedDevOrigins, listening), `${origin} on ${listening}`).toBe(false);
      }
    }
    expect(blockCrossSiteDEV(hmrRequest("http://evil.example:3000"), response(), nextConfig.allowedDevOrigins, "0.0.0.0")).toBe(true);
    vi.restoreAllMocks();
  });
});
