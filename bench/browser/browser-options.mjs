// What the browser benchmarks share: their command-line options and how they launch Chromium.
import { existsSync } from "node:fs";

/** `--name=value` or `--name` (true) from the command line, else `fallback`. */
export function readOption(argv, name, fallback) {
  const found = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (!found) return fallback;
  return found.includes("=") ? found.slice(found.indexOf("=") + 1) : true;
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
/** Debian's Chromium where there is one; Playwright's own browser otherwise. */
export const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
