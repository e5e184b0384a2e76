import { expect, test } from "@playwright/test";
import { baseUrlOf } from "./servers";

// The OpenAPI document on the production build: served to anyone, signed in or not, as JSON.

type OpenApiJson = { openapi: string; paths: Record<string, Record<string, unknown>> };

for (const [server, baseURL] of [
  ["without login", baseUrlOf("demo")],
  ["with login, to a client not signed in", baseUrlOf("oidc")],
] as const) {
  test(`GET /api/openapi.json answers the OpenAPI 3.1 document, ${server}`, async ({ request }) => {
    const response = await request.get(`${baseURL}/api/openapi.json`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(response.headers()["cache-control"]).toMatch(/^public/);
    const document = (await response.json()) as OpenApiJson;
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/chat", "/api/chats", "/api/chats/{id}", "/v1/chat/completions", "/v1/models"]));
  });
}

test("POST /api/openapi.json → 405 JSON with Allow: GET", async ({ request }) => {
  const response = await request.post(`${baseUrlOf("demo")}/api/openapi.json`);
  expect(response.status()).toBe(405);
  expect(response.headers()["allow"]).toBe("GET");
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
});
