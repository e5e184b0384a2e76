import * as client from "openid-client";
import type { AuthConfig } from "@/lib/env";
import type { Identity } from "./identity";
import type { LoginFlow } from "./login-flow";

// The OpenID Connect side of login, through openid-client: discovery from AUTH_ISSUER, the
// authorization code flow with PKCE (S256), state and nonce, and RP-initiated logout.

export type OidcAuth = Extract<AuthConfig, { mode: "oidc" }>;

/** Why a sign-in did not complete; each has a sentence on /auth/error. */
export type LoginFailure = "expired" | "state_mismatch" | "cancelled" | "provider_error" | "unreachable" | "failed" | "insecure";

export class LoginError extends Error {
  override name = "LoginError";
  constructor(
    readonly reason: LoginFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

let cached: { key: string; configuration: Promise<client.Configuration> } | undefined;

/** The provider's metadata and this client, discovered once per process (again after a failure). */
function oidcConfiguration(auth: OidcAuth): Promise<client.Configuration> {
  const key = JSON.stringify([auth.issuer, auth.clientId, auth.clientSecret]);
  if (cached?.key !== key) {
    const configuration = discover(auth).catch((error: unknown) => {
      if (cached?.configuration === configuration) cached = undefined;
      throw new LoginError("unreachable", `OpenID Connect discovery at ${auth.issuer} failed`, { cause: error });
    });
    cached = { key, configuration };
  }
  return cached.configuration;
}

async function discover(auth: OidcAuth): Promise<client.Configuration> {
  // http only for an issuer on localhost (lib/env.ts refuses any other), as in tests.
  const execute = new URL(auth.issuer).protocol === "http:" ? [client.allowInsecureRequests] : [];
  const discovered = await client.discovery(new URL(auth.issuer), auth.clientId, auth.clientSecret, undefined, {
    execute,
    timeout: DISCOVERY_TIMEOUT_SECONDS,
  });
  // client_secret_basic is the spec's default and what providers register by default; use
  // client_secret_post only for a provider that lists it and not basic.
  const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
  const usePost = methods !== undefined && !methods.includes("client_secret_basic") && methods.includes("client_secret_post");
  const authentication = usePost ? client.ClientSecretPost(auth.clientSecret) : client.ClientSecretBasic(auth.clientSecret);
  const configuration = new client.Configuration(discovered.serverMetadata(), auth.clientId, auth.clientSecret, authentication);
  configuration.timeout = DISCOVERY_TIMEOUT_SECONDS;
  for (const extension of execute) extension(configuration);
  return configuration;
}

/** Where to send the browser to sign in, and the flow to keep (sealed) until it comes back. */
export async function startLogin(
  auth: OidcAuth,
  { redirectUri, returnTo, prompt }: { redirectUri: string; returnTo: string; prompt?: "login" },
): Promise<{ authorizationUrl: URL; flow: LoginFlow }> {
  const configuration = await oidcConfiguration(auth);
  const flow: LoginFlow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    redirectUri,
    returnTo,
  };
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: auth.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
    ...(prompt ? { prompt } : {}),
  });
  return { authorizationUrl, flow };
}

/**
 * Completes the sign-in the provider redirected back with (`search`: the callback's query): checks
 * state, exchanges the code with the PKCE verifier, checks the ID token (nonce, issuer, audience,
 * expiry) and reads the person's claims, from the userinfo endpoint when the ID token lacks the
 * email (providers may put profile claims only there).
 */
export async function finishLogin(auth: OidcAuth, { search, flow }: { search: string; flow: LoginFlow }): Promise<{ identity: Identity; idToken?: string }> {
  const parameters = new URLSearchParams(search);
  const providerError = parameters.get("error");
  if (providerError) {
    throw new LoginError(providerError === "access_denied" ? "cancelled" : "provider_error", `The provider answered ${providerError.slice(0, 100)}`);
  }
  if (parameters.get("state") !== flow.state) throw new LoginError("state_mismatch", "The callback's state is not this browser's sign-in");

  const configuration = await oidcConfiguration(auth);
  const callbackUrl = new URL(flow.redirectUri);
  callbackUrl.search = parameters.toString();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new LoginError("failed", "The authorization code could not be exchanged", { cause: error });
  }

  const claims = tokens.claims();
  if (!claims) throw new LoginError("failed", "The provider returned no ID token");
  let profile: Record<string, unknown> = claims;
  if (claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
    try {
      profile = { ...(await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
    } catch (error) {
      throw new LoginError("failed", "The provider's userinfo request failed", { cause: error });
    }
  }
  return { identity: identityFrom(claims.iss, claims.sub, profile), idToken: tokens.id_token };
}

function identityFrom(issuer: string, subject: string, profile: Record<string, unknown>): Identity {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, 320) : undefined);
  // Some providers send the flag as the string "true".
  const emailVerified = profile.email_verified === true || profile.email_verified === "true";
  return { issuer, subject, email: text(profile.email), emailVerified, name: text(profile.name) };
}

/**
 * The provider's end-session URL (RP-initiated logout) when AUTH_PROVIDER_LOGOUT is on and the
 * provider has one; it sends the browser back to `postLogoutRedirectUri` (register it there).
 */
export async function providerLogoutUrl(
  auth: OidcAuth,
  { idToken, postLogoutRedirectUri }: { idToken?: string; postLogoutRedirectUri: string },
): Promise<URL | undefined> {
  if (!auth.providerLogout) return undefined;
  const configuration = await oidcConfiguration(auth);
  if (!configuration.serverMetadata().end_session_endpoint) return undefined;
  return client.buildEndSessionUrl(configuration, {
    post_logout_redirect_uri: postLogoutRedirectUri,
    ...(idToken ? { id_token_hint: idToken } : {}),
  });
}
