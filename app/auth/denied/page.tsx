import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard, primaryActionClass, secondaryActionClass } from "@/components/auth/auth-card";
import { pageAuthState } from "@/lib/auth/page-auth";
import { loginPath } from "@/lib/auth/return-path";

export const metadata: Metadata = { title: "No access" };

// Signed in at the provider, but not on this Parley's allowlist.
export default async function DeniedPage() {
  const state = await pageAuthState();
  if (state.status === "signed-in") redirect("/");
  if (state.status === "signed-out") redirect(loginPath("/"));
  if (state.status === "unavailable") redirect("/auth/error?reason=not_configured");
  if (state.status === "foreign-host") redirect("/auth/error?reason=foreign_host");

  const { email, emailVerified, name } = state.identity;
  return (
    <AuthCard
      testId="access-denied"
      title="This account has no access to Parley"
      actions={
        <>
          <a href={loginPath("/", { prompt: "login" })} data-testid="switch-account" className={primaryActionClass}>
            Sign in with another account
          </a>
          <form method="post" action="/auth/logout">
            <button type="submit" data-testid="sign-out" className={secondaryActionClass}>
              Sign out
            </button>
          </form>
        </>
      }
    >
      <p>
        You are signed in as{" "}
        <strong data-testid="denied-account" className="font-medium text-foreground">
          {email ?? name ?? "an account without an email address"}
        </strong>
        {email && !emailVerified ? " (this email address is not verified by your sign-in provider)" : ""}.
      </p>
      <p>
        This Parley is open only to the email addresses and domains its operator has allowed. To get access, ask the person who runs it
        to add your address (or your organisation&apos;s domain), then sign in again — or sign in with an account that is already allowed.
      </p>
    </AuthCard>
  );
}
