// The theme a browser chose: "system" (the default, nothing stored) follows the device's setting
// through CSS alone; "light" and "dark" are kept in localStorage and set as `data-theme` on <html>,
// which globals.css reads. The inline script in app/layout.tsx sets it before the first paint, so
// a chosen theme never flashes the other one.

export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

/** The page's background in each theme: the colour a phone's browser gives its own bars (`theme-color`). */
export const themeColors = { light: "#ffffff", dark: "#0c0c0f" } as const;

const STORAGE_KEY = "parley-theme";
/** Tells this page's switches of a change made here (the `storage` event only reaches other tabs). */
const CHANGE_EVENT = "parley-theme-change";

/**
 * Runs in <head> before the page paints. Storage may be unavailable (blocked cookies, private
 * modes): the page then simply follows the device.
 */
export const applyStoredThemeScript = `try{var t=localStorage.getItem(${JSON.stringify(STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

/** Applies `theme` to this page and remembers it for this browser. */
export function chooseTheme(theme: Theme): void {
  try {
    if (theme === "system") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered, but still applied to this page.
  }
  applyTheme(theme);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Calls `onChange` when the theme changes here or in another tab (which this page then follows too). */
export function subscribeToTheme(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    applyTheme(readTheme());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function applyTheme(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/**
 * The browser's bars follow the theme chosen, not only the device's: each `theme-color` (one per
 * `prefers-color-scheme`, from the layout's viewport) takes the chosen theme's colour, or its own
 * scheme's again for "system".
 */
export function applyThemeColor(theme: Theme): void {
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const deviceTheme = meta.media.includes("dark") ? "dark" : "light";
    meta.content = themeColors[theme === "system" ? deviceTheme : theme];
  }
}
