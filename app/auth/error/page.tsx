import type { Metadata } from "next";
import { AuthCard, primaryActionClass } from "@/components/auth/auth-card";
import { loginFailureMessage } from "@/lib/auth/login-failures";

export const metadata: Metadata = { title: "Sign-in failed" };

type ErrorPageProps = { searchParams: Promise<{ reason?: string | string[] }> };

// Where every failed sign-in ends: what happened, in a sentence, and a way to try again.
export default async function SignInErrorPage({ searchParams }: ErrorPageProps) {
  const { reason } = await searchParams;
  const code = typeof reason === "string" ? reason : undefined;
  const unavailable = code === "not_configured" || code === "foreign_host";
  const canRetry = !unavailable && code !== "insecure";
  return (
    <AuthCard
      testId="sign-in-error"
      title={unavailable ? "Parley is not available" : "Signing in did not work"}
      actions={
        canRetry ? (
          <a href="/auth/login" data-testid="try-again" className={primaryActionClass}>
            Try again
          </a>
        ) : null
      }
    >
      <p data-testid="sign-in-error-reason" data-reason={code}>
        {loginFailureMessage(code)}
      </p>
      {canRetry && <p>Nothing was changed. Start again from the sign-in page.</p>}
    </AuthCard>
  );
}
