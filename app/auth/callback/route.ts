import { handleCallback } from "@/lib/auth/login-routes";

export const dynamic = "force-dynamic";

/** The provider sends the browser back here (the redirect URI to register: <origin>/auth/callback). */
export function GET(request: Request): Promise<Response> {
  return handleCallback(request);
}
