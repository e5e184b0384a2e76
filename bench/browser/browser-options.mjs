// What the browser benchmarks share: their command-line options, how they launch Chromium, and
// how they wait for React to have made a part of the page interactive.
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

/** Until React has hydrated the element `selector` finds (it carries React's fiber). */
export async function waitForHydration(page, selector) {
  await page.waitForFunction((target) => {
    const element = document.querySelector(target);
    return element !== null && Object.keys(element).some((key) => key.startsWith("__reactFiber"));
  }, selector);
}

/**
 * The user arrives at a chat page (the pointer moves over it), and its chat becomes interactive:
 * Parley's chat loads its code on first use (bench/README.md, "First load").
 */
export async function arriveAtChat(page, viewport) {
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await waitForHydration(page, '[data-testid="composer-input"]');
}
