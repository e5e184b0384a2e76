import { readdirSync } from "node:fs";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const tests = ["**/*.test.ts", "**/*.test.tsx"];
/** The top of lib: a chat turn, and the OpenAI-compatible API that runs chat turns for programs. */
const libTops = ["chat", "openai-api"];
const libBelowTops = readdirSync(new URL("./lib", import.meta.url)).filter((name) => !libTops.includes(name)).map((name) => `./lib/${name}`);

/**
 * The layers, top to bottom: app (routes) → components (UI) → tools → lib. A layer imports only
 * from the layers below it; product code never imports test support or benchmarks. Inside lib,
 * lib/message (the message and tool-run types) imports nothing of lib, and lib/chat (a chat turn)
 * is imported by nothing of lib but lib/openai-api (the /v1 API, whose requests are chat turns). Unit tests beside the code may reach across (a lib test may run
 * the real tools). Paths are resolved, so `@/…` and relative imports count alike.
 */
const layers = {
  files: ["app/**", "components/**", "tools/**", "lib/**", "proxy.ts", "instrumentation.ts"],
  ignores: tests,
  rules: {
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./lib", from: ["./app", "./components", "./tools"], message: "lib/ is the bottom layer: pass what it needs in (see app/api/chat/route.ts)." },
          { target: "./tools", from: ["./app", "./components"], message: "tools/ sit below the UI and the routes." },
          { target: "./components", from: ["./app"], message: "components/ sit below the routes." },
          { target: ["./app", "./components", "./tools", "./lib"], from: ["./test", "./bench"], message: "Product code never imports test support or benchmarks." },
          { target: "./lib/message", from: "./lib", except: ["./message"], message: "lib/message is the bottom of lib: it imports nothing else of lib." },
          { target: libBelowTops, from: libTops.map((name) => `./lib/${name}`), message: "lib/chat and lib/openai-api are the top of lib: nothing else in lib imports them." },
          { target: "./lib/chat", from: "./lib/openai-api", message: "lib/openai-api sits above lib/chat: a chat turn knows nothing of the /v1 API." },
        ],
      },
    ],
  },
};

/**
 * Components run in the browser: from lib and tools they take types only, and the tools' presenters.
 * lib/message is the exception: the message's own code, which imports nothing else of lib, so the
 * browser and the server read a message the same way (e.g. a chat's usage, live and in the API).
 */
const browserImports = {
  files: ["components/**"],
  ignores: tests,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: "^(?:@/|(?:\\.\\./)+)lib(?:/(?!message/)|$)", allowTypeImports: true, message: "Components take only types from lib/ (it is server code), except from lib/message." },
          { regex: "^(?:@/|(?:\\.\\./)+)tools(?!/presenters$)(?:/|$)", allowTypeImports: true, message: "Components take only types from tools/, and the presenters of @/tools/presenters." },
        ],
      },
    ],
  },
};

/** A tool's presenter is loaded in the browser with the chip: it takes only types from its tool. */
const presenterImports = {
  files: ["tools/presenters.ts", "tools/**/*-presenter.ts"],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      { patterns: [{ regex: "^(?!.*-presenter$)", allowTypeImports: true, message: "A presenter takes only types from its tool and from lib/." }] },
    ],
  },
};

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
  layers,
  browserImports,
  presenterImports,
  globalIgnores([".next/**", "bench/server/stack-floor/.next/**", "out/**", "build/**", "next-env.d.ts", "sst-env.d.ts", ".open-next/**", ".sst/**", "test-results/**", "playwright-report/**", "node_modules/**"]),
]);
