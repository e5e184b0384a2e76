// Lets a plain Node script (Node >= 22.18, which strips types) import the test fixtures'
// TypeScript: they use extensionless relative imports, as the bundler and Vitest resolve them, and
// this hook adds ".ts". Import it first, then the TypeScript with `await import(…)`: static imports
// are resolved before any module runs. Plain Node resolves no "@/…" either, so the fixtures avoid it.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (relative && context.parentURL?.endsWith(".ts") && !/\.[cm]?[jt]s$/.test(specifier)) {
      return nextResolve(`${specifier}.ts`, context);
    }
    return nextResolve(specifier, context);
  },
});

// Node warns that it reparses the .ts files as ES modules (package.json has no "type"); harmless here.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.code !== "MODULE_TYPELESS_PACKAGE_JSON" && warning.name !== "ExperimentalWarning") console.warn(`${warning.name}: ${warning.message}`);
});
