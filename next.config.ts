import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The floating dev badge covers the composer on phones.
  devIndicators: false,
  // The SQLite store's native module stays out of deployed bundles: on AWS the store is DynamoDB,
  // and the build machine's binaries (x64) would not load on the arm64 Lambda anyway.
  outputFileTracingExcludes: { "*": ["node_modules/better-sqlite3/**"] },
  // Only the server reads configuration; nothing from process.env is inlined into client bundles.
  env: {},
};

export default nextConfig;
