import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

// The route handlers under app/, read from their source: which URL path each file serves and which
// HTTP methods it really answers (not the method-not-allowed stubs of lib/http/method-not-allowed.ts).

export type RouteFile = {
  /** app-relative, e.g. `app/api/chats/[id]/route.ts`. */
  file: string;
  /** As OpenAPI writes it: `/api/chats/{id}`. */
  path: string;
  /** `[...x]` or `[[...x]]`: it answers every path below it. */
  catchAll: boolean;
  /** Upper case, sorted. */
  methods: string[];
};

const HTTP_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

export function routeFiles(root: string): RouteFile[] {
  const appDir = join(root, "app");
  return (readdirSync(appDir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((entry) => entry === "route.ts" || entry.endsWith(`${sep}route.ts`))
    .map((entry) => {
      const segments = entry.split(sep).slice(0, -1);
      const file = relative(root, join(appDir, entry)).split(sep).join("/");
      return { file, path: urlPath(segments), catchAll: segments.some((segment) => segment.includes("...")), methods: servedMethods(readFileSync(join(appDir, entry), "utf8")) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

function urlPath(segments: string[]): string {
  const parts = segments
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]\]?$/, "{$1}"));
  return `/${parts.join("/")}`;
}

/** The HTTP methods a route module exports, except those bound to `methodNotAllowed(…)`. */
function servedMethods(source: string): string[] {
  const sourceFile = ts.createSourceFile("route.ts", source, ts.ScriptTarget.Latest, true);
  const stubs = new Set<string>();
  const methods = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer;
        if (!ts.isIdentifier(declaration.name) || !initializer || !ts.isCallExpression(initializer)) continue;
        if (ts.isIdentifier(initializer.expression) && initializer.expression.text === "methodNotAllowed") stubs.add(declaration.name.text);
        else if (isExported(statement) && HTTP_METHODS.has(declaration.name.text)) methods.add(declaration.name.text);
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement) && HTTP_METHODS.has(statement.name.text)) {
      methods.add(statement.name.text);
    }
  }
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).getText(sourceFile);
      if (HTTP_METHODS.has(element.name.text) && !stubs.has(local)) methods.add(element.name.text);
    }
  }
  return [...methods].sort();
}

const isExported = (statement: ts.Statement) => ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
