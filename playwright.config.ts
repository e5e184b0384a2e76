import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { appServers, baseUrlOf, type AppServerName } from "./test/e2e/servers";
import { nextServerCommand } from "./test/support/next-server";

// Playwright cannot download its browsers offline: use the system Chromium where there is one,
// and Playwright's own browser otherwise.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

// The five shared servers, started before global setup as Playwright's web servers: the same
// `next start` as the servers specs start themselves (test/support/next-server.ts).
function webServer(name: AppServerName) {
  const { command, cwd, env, url } = nextServerCommand(appServers[name]);
  return {
    command,
    cwd,
    env,
    url: `${url}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}

export default defineConfig({
  testDir: "./test/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./test/e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: baseUrlOf("demo"),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [webServer("demo"), webServer("openaiResponses"), webServer("openaiChat"), webServer("demoOnDynamoDB"), webServer("oidc")],
});
