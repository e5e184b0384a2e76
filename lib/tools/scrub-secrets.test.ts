import { describe, expect, it } from "vitest";
import { scrubSecrets, toModelSafeError } from "./scrub-secrets";

describe("scrubSecrets", () => {
  it.each([
    ["connect ECONNREFUSED postgres://admin:hunter2@10.0.0.5:5432/prod", "connect ECONNREFUSED postgres://***@10.0.0.5:5432/prod"],
    ["GET https://api.example.com/v1/data?key=abc123&city=Paris failed", "GET https://api.example.com/v1/data?*** failed"],
    ["Incorrect API key provided: sk-proj-AbCdEf123456789", "Incorrect API key provided: ***"],
    ["password=hunter2 rejected", "password=*** rejected"],
    ['config {"token": "abc"} invalid', 'config {"token": ***} invalid'],
    ["token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0", "token: ***"],
    ["Cannot read properties of undefined (reading 'temperature')", "Cannot read properties of undefined (reading 'temperature')"],
  ])("%s", (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});

describe("toModelSafeError", () => {
  it("keeps the name and message, drops the stack and secrets, keeps the original as cause", () => {
    const original = new TypeError("fetch failed for https://user:pw@host/x?apikey=1");
    const safe = toModelSafeError(original);
    expect(safe.message).toBe("TypeError: fetch failed for https://***@host/x?***");
    expect(safe.cause).toBe(original);
  });
});
