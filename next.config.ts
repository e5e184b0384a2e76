import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The floating dev badge covers the composer on phones.
  devIndicators: false,
  // Only the server reads configuration; nothing from process.env is inlined into client bundles.
  env: {},
};

export default nextConfig;
