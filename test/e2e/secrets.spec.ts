import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import sentinels from "./secret-sentinels.json";
import { baseUrlOf, e2eAuthSecret, fakeOpenAIUrl, oidcClient, oidcServerPort } from "./servers";

// Secrets stay on the server. The e2e build is made with a recognisable value in every secret
// variable (test/e2e/build-with-secret-sentinels.mjs): none may reach a client bundle or a prerendered
// page. The running servers' own secrets may appear in no response body, and errors reaching the
// browser carry no secret, no URL with credentials and no stack trace.

const buildDir = ".next";

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test("no secret of the build's environment is in a client bundle or a prerendered page", () => {
  const marker = readFileSync(join(buildDir, "secret-sentinels-build"), "utf8").trim();
  expect(marker, "run the e2e build (npm run e2e), which sets the sentinel secrets").toBe(readFileSync(join(buildDir, "BUILD_ID"), "utf8").trim());

  const clientFiles = filesUnder(join(buildDir, "static"));
  const prerendered = filesUnder(join(buildDir, "server", "app")).filter((path) => /\.(html|rsc|body|meta)$/.test(path));
  expect(clientFiles.length).toBeGreaterThan(10);
  for (const path of [...clientFiles, ...prerendered]) {
    const content = readFileSync(path, "latin1");
    for (const [name, value] of Object.entries(sentinels)) {
      expect(content.includes(value), `${name} found in ${path}`).toBe(false);
    }
  }
});

const runtimeSecrets = {
  OPENAI_API_KEY: "sk-e2e-test-key",
  AUTH_CLIENT_SECRET: oidcClient.clientSecret,
  AUTH_SECRET: e2eAuthSecret,
};

function expectNoSecret(body: string, where: string) {
  for (const [name, value] of Object.entries(runtimeSecrets)) expect(body.includes(value), `${name} in ${where}`).toBe(false);
}

test("no response body carries a server secret: pages, APIs, sign-in", async ({ request }) => {
  const openai = baseUrlOf("openaiChat");
  const oidc = `http://127.0.0.1:${oidcServerPort}`;
  for (const url of [
    `${openai}/`,
    `${openai}/api/chats`,
    `${openai}/api/health`,
    `${openai}/chat/does-not-exist`,
    `${oidc}/api/chats`,
    `${oidc}/auth/denied`,
    `${oidc}/auth/error?reason=failed`,
  ]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expectNoSecret(await response.text(), url);
    expectNoSecret(JSON.stringify(response.headers()), `${url} (headers)`);
  }
  // The sign-in redirect to the provider carries the client id, never its secret.
  const login = await request.get(`${oidc}/auth/login?returnTo=%2F`, { maxRedirects: 0, headers: { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" } });
  expectNoSecret(login.headers().location ?? "", "the login redirect");
  expectNoSecret(JSON.stringify(login.headers()), "the login response headers");
});

test("a provider error that quotes the key, a URL with credentials and a stack reaches the browser as a safe text", async ({ request }) => {
  const leakyMessage = [
    `Incorrect API key provided: ${runtimeSecrets.OPENAI_API_KEY}.`,
    "Upstream https://admin:hunter2@internal.example/v1?token=abc failed",
    "    at handler (/srv/openai/app.js:12:7)",
  ].join("\n");
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [{ type: "http-error", status: 401, message: leakyMessage, errorType: "invalid_request_error", code: "invalid_api_key" }],
  });
  const response = await request.post(`${baseUrlOf("openaiChat")}/api/chat`, {
    data: { id: `leak-${crypto.randomUUID()}`, message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: `${scenario.marker} hi` }] } },
  });
  const stream = await response.text();
  expect(stream).toContain('"type":"error"');
  expect(stream).toContain("The model provider refused the server's API key (HTTP 401): its operator needs to check the key and the account.");
  expectNoSecret(stream, "the chat stream");
  expect(stream).not.toContain("hunter2");
  expect(stream).not.toContain("internal.example");
  expect(stream).not.toContain("app.js");
});
