import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "import/no-default-export": "off",
    },
  },
  globalIgnores([".next/**", "bench/server/stack-floor/.next/**", "out/**", "build/**", "next-env.d.ts", "sst-env.d.ts", ".open-next/**", ".sst/**", "test-results/**", "playwright-report/**", "node_modules/**"]),
]);
