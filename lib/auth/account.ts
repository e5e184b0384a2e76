// What the browser may know about who is signed in: shown in the sidebar. Types only, so client
// components can import it.

export type Account =
  /** AUTH_MODE=none: the one local user. */
  | { mode: "local" }
  | { mode: "oidc"; email?: string; name?: string };
