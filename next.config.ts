import type { NextConfig } from "next";
import { apiContentSecurityPolicy, commonSecurityHeaders } from "./lib/http/security-headers";

const securityHeaders = Object.entries(commonSecurityHeaders).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Pages get the same headers plus a nonce-based Content-Security-Policy from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "content-security-policy", value: apiContentSecurityPolicy }] },
    ];
  },
  reactStrictMode: true,
  poweredByHeader: false,
  // The floating dev badge covers the composer on phones.
  devIndicators: false,
  // `next dev` serves its live-reload socket and dev files only to pages of names it knows: localhost
  // and the -H it listens on. Opened at another loopback name the page never became interactive.
  allowedDevOrigins: ["127.0.0.1", "[::1]"],
  // The SQLite store's native module stays out of deployed bundles: on AWS the store is DynamoDB,
  // and the build machine's binaries (x64) would not load on the arm64 Lambda anyway.
  outputFileTracingExcludes: { "*": ["node_modules/better-sqlite3/**"] },
  // Only the server reads configuration; nothing from process.env is inlined into client bundles.
  env: {},
};

export default nextConfig;
