import { headers } from "next/headers";
import { currentUserId } from "@/lib/auth/current-user";

/**
 * The user a page is rendered for. `currentUserId` reads the request (its cookies and headers once
 * login exists); a page has no Request object, so one is made from the incoming headers.
 */
export async function pageUserId(): Promise<string> {
  return currentUserId(new Request("http://parley.invalid/", { headers: await headers() }));
}
