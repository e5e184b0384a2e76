import fc from "fast-check";
import { anyContentType, anyJson, json, nested, type Attempt } from "./fuzz-values";

// Generated requests to POST /v1/chat/completions for the fuzz spec, each invalid in at least one
// way: no valid key, a body that is not JSON or not the right shape, or the valid body below with
// one field made invalid. None may be valid by accident: a valid one is answered 200 and stored.

const PATH = "/v1/chat/completions";
const JSON_TYPE = "application/json";

const user = { role: "user", content: "hello" };
/** The one valid body; every body below differs from it in a way that makes it invalid. */
const validBody = { model: "demo", messages: [user] };

/** Parley's own tools: a client's function may not take their names. */
const PARLEY_TOOL_NAMES = ["calculate", "getWeather", "getCurrentTime"];
const ROLES = ["system", "developer", "user", "assistant", "tool"];
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const withField = (field: string) => (value: unknown) => json({ ...validBody, [field]: value });
const withMessages = (messages: unknown[]) => json({ ...validBody, messages });

/** JSON values that keep their field: `undefined` would drop it, which the field may allow. */
const present = anyJson.filter((value) => value !== undefined);
/** Numbers that stay numbers in JSON (NaN and the infinities become null). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const notBoolean = present.filter((value) => value !== null && typeof value !== "boolean");

const call = (id: string, name = "lookUp", args = "{}") => ({ id, type: "function", function: { name, arguments: args } });
const asking = (...calls: unknown[]) => ({ role: "assistant", content: null, tool_calls: calls });
const resultOf = (id: string) => ({ role: "tool", tool_call_id: id, content: "Shipped." });

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const isTextPart = (part: unknown) =>
  typeof part === "object" && part !== null && (part as { type?: unknown }).type === "text" && typeof (part as { text?: unknown }).text === "string";

/** Content no message may have (a system message's may be empty, a user's not: see below). */
const invalidContent = fc.oneof(
  present.filter((content) => content === null || (typeof content !== "string" && !Array.isArray(content))),
  fc.array(anyJson, { maxLength: 5 }).filter((parts) => parts.length === 0 || !parts.every(isTextPart)),
  fc.integer({ min: 32_001, max: 40_000 }).map((length) => "x".repeat(length)),
  // Images and audio, which Parley's API does not take.
  fc.constantFrom(
    [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }],
    [{ type: "text", text: "What is in this picture?" }, { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } }],
    [{ type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }],
    [{ type: "file", file: { file_id: "file-1" } }],
  ),
);

const invalidMessages: fc.Arbitrary<unknown> = fc.oneof(
  present.filter((messages) => !Array.isArray(messages)),
  fc.constant([]),
  fc.integer({ min: 201, max: 260 }).map((count) => Array.from({ length: count }, () => user)),
  fc.array(anyJson.filter((message) => typeof message !== "object" || message === null || Array.isArray(message)), { minLength: 1, maxLength: 3 }),
  // Roles OpenAI's API does not have, or no longer has.
  fc
    .oneof(fc.string().filter((role) => !ROLES.includes(role)), fc.constantFrom("function", "bot", "User", "model", "tool_result"))
    .map((role) => [{ role, content: "hello" }]),
  fc.oneof(invalidContent, fc.constantFrom("", "   ", "\n\t")).map((content) => [{ role: "user", content }]),
  invalidContent.map((content) => [{ role: "system", content }, user]),
  // Tool results that answer no call.
  fc.string({ minLength: 1, maxLength: 50 }).map((id) => [user, resultOf(id)]),
  fc.constant([user, asking(call("call_1")), resultOf("call_2")]),
  fc.constant([user, asking(call("call_1")), resultOf("call_1"), resultOf("call_1")]),
  // Calls left without their results.
  fc.constant([user, asking(call("call_1")), user]),
  fc.constant([user, asking(call("call_1"), call("call_2")), resultOf("call_1")]),
  fc.constant([user, asking(call("call_1"), call("call_1", "lookUpAgain")), resultOf("call_1")]),
  // Calls whose arguments are not JSON, or not of a call's shape.
  fc
    .string({ minLength: 1, maxLength: 100 })
    .filter((text) => text.trim() !== "" && !isJson(text))
    .map((args) => [user, asking(call("call_1", "lookUp", args)), resultOf("call_1")]),
  fc.constantFrom({ id: "", type: "function", function: { name: "lookUp", arguments: "{}" } }, { id: "call_1", type: "custom", custom: { name: "lookUp", input: "x" } }).map((bad) => [user, asking(bad), resultOf("call_1")]),
  // Conversations that do not end with the user, or with the results of the calls before.
  fc.constantFrom(
    [user, { role: "assistant", content: "Hello!" }],
    [user, asking(call("call_1"))],
    [user, { role: "system", content: "Answer briefly." }],
    [{ role: "developer", content: "Answer briefly." }],
    [user, asking(call("call_1")), resultOf("call_1"), { role: "assistant", content: "It shipped." }],
  ),
);

const badFunctionName = fc.oneof(fc.string({ maxLength: 80 }).filter((name) => !FUNCTION_NAME.test(name)), fc.constantFrom("", "f".repeat(65), "look up", "look.up", "naïve"));
const lookUp = (overrides: Record<string, unknown> = {}) => ({ type: "function", function: { name: "lookUp", ...overrides } });

const invalidTools: fc.Arbitrary<unknown> = fc.oneof(
  present.filter((tools) => !Array.isArray(tools)),
  badFunctionName.map((name) => [lookUp({ name })]),
  fc.constantFrom(...PARLEY_TOOL_NAMES).map((name) => [lookUp({ name })]),
  fc.constant([lookUp(), lookUp({ description: "The same name again" })]),
  fc.oneof(fc.string().filter((type) => type !== "function"), fc.constantFrom("web_search", "code_interpreter", "file_search", "custom", "mcp")).map((type) => [{ ...lookUp(), type }]),
  present.filter((parameters) => typeof parameters !== "object" || parameters === null || Array.isArray(parameters)).map((parameters) => [lookUp({ parameters })]),
  fc.constant([lookUp({ description: "d".repeat(4_001) })]),
  fc.integer({ min: 129, max: 140 }).map((count) => Array.from({ length: count }, (_, index) => lookUp({ name: `lookUp${index}` }))),
);

const invalidToolChoice = fc.oneof(
  fc.string().filter((choice) => !["none", "auto", "required"].includes(choice)),
  // A function that is neither the client's nor one of Parley's tools.
  fc
    .stringMatching(FUNCTION_NAME)
    .filter((name) => !PARLEY_TOOL_NAMES.includes(name))
    .map((name) => ({ type: "function", function: { name } })),
  present.filter((choice) => typeof choice !== "string"),
);

const outside = (min: number, max: number) => fc.oneof(finite.filter((value) => value < min || value > max), fc.string(), fc.boolean());
const invalidTokenLimit = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1_000_001 }), finite.filter((value) => !Number.isInteger(value)), fc.string());

/** The valid body with one field made invalid. */
const oneFieldInvalid: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(present.filter((model) => typeof model !== "string"), fc.constantFrom("", "m".repeat(201))).map(withField("model")) },
  // A model that is not configured: 404.
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 200 }).filter((model) => model !== "demo").map(withField("model")) },
  { weight: 12, arbitrary: invalidMessages.map((messages) => json({ ...validBody, messages })) },
  { weight: 6, arbitrary: invalidTools.map(withField("tools")) },
  { weight: 2, arbitrary: invalidToolChoice.map(withField("tool_choice")) },
  { weight: 1, arbitrary: fc.oneof(fc.integer().filter((n) => n !== 1), finite.filter((n) => n !== 1), fc.string(), fc.boolean(), fc.constant([1])).map(withField("n")) },
  { weight: 1, arbitrary: outside(0, 2).map(withField("temperature")) },
  { weight: 1, arbitrary: outside(0, 1).map(withField("top_p")) },
  { weight: 1, arbitrary: invalidTokenLimit.map(withField("max_tokens")) },
  { weight: 1, arbitrary: invalidTokenLimit.map(withField("max_completion_tokens")) },
  { weight: 1, arbitrary: notBoolean.map(withField("stream")) },
  { weight: 1, arbitrary: notBoolean.map(withField("store")) },
  { weight: 1, arbitrary: present.filter((value) => typeof value !== "boolean").map(withField("parallel_tool_calls")) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(notBoolean.map((include_usage) => ({ include_usage })), present.filter((value) => value !== null && (typeof value !== "object" || Array.isArray(value))))
      .map((streamOptions) => json({ ...validBody, stream: true, stream_options: streamOptions })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.array(fc.string(), { minLength: 5, maxLength: 8 }), fc.constant("s".repeat(201)), present.filter((stop) => stop !== null && typeof stop !== "string" && !(Array.isArray(stop) && stop.every((item) => typeof item === "string"))))
      .map(withField("stop")),
  },
  { weight: 1, arbitrary: fc.constantFrom({ role: "user", content: "hello", name: "n".repeat(201) }).map((message) => withMessages([message])) },
);

/** Deep nesting where the parsers and validators walk (JSON.parse, zod, the arguments of a call). */
const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 100, max: 200_000 }),
    fc.constantFrom(
      (depth: number) => `{"model":"demo","messages":${nested(depth)}}`,
      (depth: number) => `{"model":${nested(depth)},"messages":${json(validBody.messages)}}`,
      (depth: number) => `{"model":"demo","messages":[{"role":"user","content":${nested(depth)}}]}`,
      (depth: number) => `{"model":"demo","messages":${json(validBody.messages)},"n":2,"metadata":${nested(depth)}}`,
      (depth: number) => `{"model":"demo","messages":${json(validBody.messages)},"n":2,"tools":[{"type":"function","function":{"name":"lookUp","parameters":{"a":${nested(depth)}}}}]}`,
      // Arguments are text of at most 32 000 characters; left without a result.
      (depth: number) => withMessages([user, asking(call("call_1", "lookUp", nested(Math.min(depth, 15_000)))), user]),
    ),
  )
  .map(([depth, body]) => body(depth));

const brokenBody: fc.Arbitrary<string> = fc.oneof(
  // Not JSON at all, or cut off.
  fc.string(),
  fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1)) + "{"),
  // JSON of any other shape.
  anyJson.map((value) => json(value) ?? "null"),
  // Over the 1 MB a body may hold: 413.
  fc.integer({ min: 1_000_001, max: 1_200_000 }).map((length) => withMessages([{ role: "user", content: "z".repeat(length) }])),
);

/** No key, a key that is not one, or the right key under another scheme: 401. */
const wrongAuthorization = (secret: string) =>
  fc.oneof(
    // No Authorization header at all.
    fc.constant(null),
    fc.constantFrom("", "Bearer", "Bearer ", secret, `Basic ${secret}`, `Token ${secret}`, `Bearer:${secret}`, `${secret} Bearer`),
    fc.constantFrom(`Bearer ${secret.slice(0, -1)}`, `Bearer ${secret}x`, `Bearer ${secret} ${secret}`, `Bearer ${secret.toUpperCase()}`, `Bearer "${secret}"`),
    fc.string({ maxLength: 100 }).map((text) => `Bearer ${text}`),
    fc.string({ maxLength: 100 }),
  );

/** Attempts at POST /v1/chat/completions, `secret` being a valid API key of the server's user. */
export function completionAttempts(secret: string): fc.Arbitrary<Attempt> {
  const post = (body: string, contentType = JSON_TYPE, authorization: string | null = `Bearer ${secret}`): Attempt => ({
    method: "POST",
    path: PATH,
    contentType,
    ...(authorization !== null && { authorization }),
    body,
  });
  return fc.oneof(
    { weight: 13, arbitrary: oneFieldInvalid.map((body) => post(body)) },
    { weight: 2, arbitrary: deeplyNested.map((body) => post(body)) },
    { weight: 2, arbitrary: brokenBody.map((body) => post(body)) },
    { weight: 1, arbitrary: anyContentType.map((contentType) => post(json(validBody), contentType)) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(wrongAuthorization(secret), fc.oneof(fc.constant(json(validBody)), oneFieldInvalid, brokenBody))
        .map(([wrong, body]) => post(body, JSON_TYPE, wrong)),
    },
  );
}
