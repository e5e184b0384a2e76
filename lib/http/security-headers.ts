// What every response says about how a browser may use it. Pages get a Content-Security-Policy
// with a fresh nonce (set in proxy.ts): only scripts carrying it run — Next's own, never anything
// a model or a user wrote into the page.

/** Headers for every response, pages, API and static files alike (next.config.ts and proxy.ts). */
export const commonSecurityHeaders = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
} as const;

/** API responses are data, never documents to render. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export type PagePolicyOptions = {
  nonce: string;
  /** `next dev` needs eval for React's error overlays; production never does. */
  development: boolean;
  /** Served over https: also upgrade any stray http request. */
  https: boolean;
  /** Where forms may lead besides this site (e.g. the login provider, for signing out there). */
  extraFormActions?: readonly string[];
};

export function pageContentSecurityPolicy({ nonce, development, https, extraFormActions = [] }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline styles: highlighted code and React style attributes. A style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Model output never loads images (they render as links); the app's own icons are same-origin.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${extraFormActions.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce a page's scripts must carry: 128 random bits, fresh per response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
