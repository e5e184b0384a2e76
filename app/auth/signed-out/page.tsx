import type { Metadata } from "next";
import { AuthCard, primaryActionClass } from "@/components/auth/auth-card";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <AuthCard
      testId="signed-out"
      title="You are signed out"
      actions={
        <a href="/auth/login" data-testid="sign-in" className={primaryActionClass}>
          Sign in
        </a>
      }
    >
      <p>Your chats are kept and will be there when you sign in again.</p>
      <p>On a shared computer, also sign out at your sign-in provider, or close the browser.</p>
    </AuthCard>
  );
}
