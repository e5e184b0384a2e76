import { handleLogin } from "@/lib/auth/login-routes";

export const dynamic = "force-dynamic";

/** Starts signing in: `?returnTo=/chat/abc` (a path of this app) and `&prompt=login` to switch accounts. */
export function GET(request: Request): Promise<Response> {
  return handleLogin(request);
}
