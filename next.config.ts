import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Only the server reads configuration; nothing from process.env is inlined into client bundles.
  env: {},
};

export default nextConfig;
