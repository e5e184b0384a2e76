import type { ReactNode } from "react";

/** The frame of the sign-in pages: Parley's name, a heading, what happened, and the ways on. */
export function AuthCard({ title, testId, children, actions }: { title: string; testId: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-background px-4 py-12 text-foreground">
      <section data-testid={testId} aria-labelledby="auth-title" className="w-full max-w-md rounded-2xl border border-border bg-card p-6 text-card-foreground shadow-sm sm:p-8">
        <p className="text-sm font-semibold tracking-tight text-muted-foreground">Parley</p>
        <h1 id="auth-title" className="mt-2 text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <div className="mt-3 space-y-3 text-sm leading-6 text-muted-foreground">{children}</div>
        <div className="mt-6 flex flex-wrap items-center gap-3">{actions}</div>
      </section>
    </main>
  );
}

export const primaryActionClass =
  "inline-flex h-10 items-center rounded-xl bg-primary px-4 text-sm font-medium text-primary-foreground hover:opacity-90";
export const secondaryActionClass =
  "inline-flex h-10 items-center rounded-xl border border-input bg-background px-4 text-sm font-medium hover:bg-muted";
