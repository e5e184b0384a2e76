import { handleLogout } from "@/lib/auth/login-routes";

export const dynamic = "force-dynamic";

/** Signs out (a form posts here). */
export function POST(request: Request): Promise<Response> {
  return handleLogout(request);
}
