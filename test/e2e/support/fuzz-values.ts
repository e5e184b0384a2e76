import fc from "fast-check";

// What the fuzz spec's generators share: one request, and the values any route's input may get.

export type Attempt = { method: string; path: string; contentType?: string; authorization?: string; body?: string };

export const json = (value: unknown) => JSON.stringify(value);

/**
 * JSON arrays nested `depth` deep, as text (JSON.stringify itself would overflow the stack): for
 * validators that walk structures recursively.
 */
export const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

export const anyJson = fc.oneof(fc.anything(), fc.json().map((text) => JSON.parse(text) as unknown));

/** Content types of bodies that are not JSON (`application/jsonp` is not `application/json`). */
export const anyContentType = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonp", "application/xml");
