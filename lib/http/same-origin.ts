import { requestOrigin } from "@/lib/auth/origin";
import { ParleyError } from "@/lib/errors";

/**
 * Whether a state-changing request may have come from another site (a form or script on a page
 * the user visits, carrying their cookie). Browsers say where a request comes from in
 * `Sec-Fetch-Site` and `Origin`; a request without either comes from a non-browser client, which
 * holds no user's cookie to abuse.
 */
export function isCrossSiteRequest(request: Request, appUrl: string | undefined): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  // "null": a sandboxed frame, a file, a redirect across origins.
  return origin === "null" || origin !== requestOrigin(request.headers, appUrl).origin;
}

/** Refuses a state-changing API request from another site (403, before anything else happens). */
export function assertSameOrigin(request: Request, appUrl: string | undefined): void {
  if (isCrossSiteRequest(request, appUrl)) {
    throw new ParleyError("cross_site_request", "Requests from other sites are refused.");
  }
}
