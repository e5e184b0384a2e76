import { z } from "zod";
import { LOGIN_FLOW_MAX_AGE_SECONDS } from "./cookies";
import { openToken, sealToken } from "./sealed-token";

/** A sign-in in progress in one browser: what the callback must check and where it goes next. */
const loginFlowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  /** The redirect URI sent to the provider; the token request repeats it exactly. */
  redirectUri: z.url(),
  /** Checked by `safeReturnPath` when the flow started. */
  returnTo: z.string().startsWith("/"),
});

export type LoginFlow = z.infer<typeof loginFlowSchema>;

export function sealLoginFlow(flow: LoginFlow, { secret, now }: { secret: string; now?: number }): Promise<string> {
  return sealToken(flow, { secret, purpose: "login-flow", maxAgeSeconds: LOGIN_FLOW_MAX_AGE_SECONDS, now });
}

/** The flow in the cookie, or undefined when it is missing, expired, or not one this server sealed. */
export async function openLoginFlow(token: string | undefined, { secret, now }: { secret: string; now?: number }): Promise<LoginFlow | undefined> {
  if (!token) return undefined;
  const opened = await openToken(token, { secret, purpose: "login-flow", now });
  if (!opened.ok) return undefined;
  const flow = loginFlowSchema.safeParse(opened.claims);
  return flow.success ? flow.data : undefined;
}
