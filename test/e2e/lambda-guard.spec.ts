import { expect, test } from "@playwright/test";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { baseServerEnv, dataDirOf, lambdaGuardPorts } from "./servers";

// A server that believes it runs on AWS Lambda (AWS_LAMBDA_FUNCTION_NAME set, as Lambda sets it)
// without login (AUTH_MODE=none): it serves no chats — 503 with a clear message, one error log
// line — unless ALLOW_ANONYMOUS=true says that is on purpose. /api/health stays open.

const onLambda = { ...baseServerEnv, AWS_LAMBDA_FUNCTION_NAME: "parley-e2e-WebServer", AUTH_MODE: "none" };

test.describe("on AWS Lambda without login", () => {
  let server: NextServer;

  test.beforeAll(async () => {
    server = await startNextServer({ port: lambdaGuardPorts.refusing, dataDir: dataDirOf("lambda-guard-refusing"), env: onLambda });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("every API route answers 503 not_configured, pages too; health answers; one error line says why", async ({ request }) => {
    for (const [method, path] of [
      ["GET", "/api/chats"],
      ["GET", "/api/chats/some-chat"],
      ["DELETE", "/api/chats/some-chat"],
      ["POST", "/api/chat"],
      ["POST", "/api/chat/some-chat/stop"],
    ] as const) {
      const response = await request.fetch(`${server.url}${path}`, { method, data: method === "POST" ? {} : undefined });
      expect(response.status(), `${method} ${path}`).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_configured");
      expect(body.error.message).toContain("AUTH_MODE=oidc");
      expect(body.error.message).toContain("ALLOW_ANONYMOUS=true");
    }
    const page = await request.get(`${server.url}/`);
    expect(page.status()).toBe(503);
    expect(await page.text()).toContain("without login");
    expect((await request.get(`${server.url}/api/health`)).status()).toBe(200);

    const refusals = server
      .errorOutput()
      .split("\n")
      .filter((line) => line.includes('"reason":"anonymous-on-lambda"'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0] ?? "{}")).toMatchObject({ level: "ERROR", functionName: "parley-e2e-WebServer" });
  });
});

test.describe("on AWS Lambda, anonymous on purpose (ALLOW_ANONYMOUS=true)", () => {
  let server: NextServer;

  test.beforeAll(async () => {
    server = await startNextServer({
      port: lambdaGuardPorts.anonymousOnPurpose,
      dataDir: dataDirOf("lambda-guard-anonymous"),
      env: { ...onLambda, ALLOW_ANONYMOUS: "true" },
    });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("chats are served to the one local user", async ({ request }) => {
    expect((await request.get(`${server.url}/api/chats`)).status()).toBe(200);
    expect((await request.get(`${server.url}/`)).status()).toBe(200);
    expect(server.errorOutput()).not.toContain("anonymous-on-lambda");
  });
});
