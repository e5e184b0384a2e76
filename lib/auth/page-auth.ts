import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authenticate, type AuthState, type Viewer } from "./authenticate";
import { loginPath } from "./return-path";

/** The auth state of the page being rendered, decided once per render (layout and page share it). */
export const pageAuthState = cache(async (): Promise<AuthState> => authenticate({ headers: await headers() }));

/**
 * The viewer of a page, or a redirect: to sign-in (coming back to `returnTo`), to the "not
 * allowed" page, or to the error page when the server refuses to serve (Lambda without login, or
 * a name that is not this server's without login).
 * The proxy redirects before rendering already; this is the second line.
 */
export async function requirePageViewer(returnTo: string): Promise<Viewer> {
  const state = await pageAuthState();
  switch (state.status) {
    case "signed-in":
      return state.viewer;
    case "signed-out":
      redirect(loginPath(returnTo));
    case "denied":
      redirect("/auth/denied");
    case "unavailable":
      redirect("/auth/error?reason=not_configured");
    case "foreign-host":
      redirect("/auth/error?reason=foreign_host");
  }
}
