import { describe, expect, it } from "vitest";
import { routeFiles } from "@/test/support/route-files";
import { openApiDocument } from "./openapi-document";

// The document and the route files cannot drift apart: every operation in it is a method a route
// file under app/ serves, and every method an /api or /v1 route file serves is in it.

const routes = routeFiles(process.cwd()).filter((route) => /^\/(api|v1)\//.test(route.path) && !route.catchAll);
const documented = Object.entries(openApiDocument().paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

describe("the OpenAPI document and the route files", () => {
  it("describes every method each /api and /v1 route file serves", () => {
    const served = routes.flatMap((route) => route.methods.map((method) => `${method} ${route.path}`));
    expect(served.filter((operation) => !documented.includes(operation))).toEqual([]);
    // What the route files are read for: the stubs of other methods are not served.
    expect(routes.find((route) => route.path === "/api/chats/{id}")?.methods).toEqual(["DELETE", "GET", "PATCH"]);
  });

  it("describes only methods that a route file serves", () => {
    const unserved = documented.filter((operation) => {
      const [method, path] = operation.split(" ") as [string, string];
      const route = routes.find((candidate) => candidate.path === path);
      return !route?.methods.includes(method);
    });
    expect(unserved).toEqual([]);
  });
});
