import type { LoginFailure } from "./oidc-client";

/** What /auth/error says for each `?reason=`; unknown reasons get the generic sentence. */
const loginFailureText = {
  expired: "The sign-in took too long, or was started in another browser or tab.",
  state_mismatch: "The answer from the sign-in provider does not belong to the sign-in started in this browser.",
  cancelled: "The sign-in was cancelled at the sign-in provider.",
  provider_error: "The sign-in provider could not sign you in.",
  unreachable: "The sign-in provider could not be reached. It may be down for a moment.",
  failed: "Signing in did not work.",
  insecure: "Signing in needs a secure connection: open Parley through its https:// address (plain http works only on localhost).",
  not_configured: "This Parley is not set up to serve chats yet: its operator has to turn on sign-in.",
  foreign_host: "This Parley runs without login and answers only at its own address: open it at localhost, or at the address in APP_URL.",
} as const satisfies Record<LoginFailure | "not_configured" | "foreign_host", string>;

export function loginFailureMessage(reason: string | undefined): string {
  return reason !== undefined && Object.hasOwn(loginFailureText, reason)
    ? loginFailureText[reason as keyof typeof loginFailureText]
    : loginFailureText.failed;
}
