import type { Account } from "@/lib/auth/account";
import { IconButton } from "@/components/ui/icon-button";
import { LaptopIcon, SignOutIcon } from "@/components/ui/icons";

/** The bottom of the sidebar: who is signed in, with Sign out; or, without login, that this is local mode. */
export function AccountFooter({ account }: { account: Account }) {
  if (account.mode === "local") {
    return (
      <p
        data-testid="local-mode-notice"
        title="AUTH_MODE=none: one local user, no sign-in. Set AUTH_MODE=oidc to require sign-in."
        className="flex shrink-0 items-center gap-2 border-t border-border px-4 py-3 text-xs text-muted-foreground"
      >
        <LaptopIcon className="size-4 shrink-0" />
        Local mode · no sign-in
      </p>
    );
  }
  const label = account.email ?? account.name ?? "Signed in";
  return (
    <div data-testid="account" className="flex shrink-0 items-center gap-2 border-t border-border px-3 py-2">
      <p className="min-w-0 flex-1 px-1 text-sm">
        <span className="sr-only">Signed in as </span>
        <span data-testid="signed-in-as" className="block truncate" title={label}>
          {label}
        </span>
      </p>
      {/* A form, not fetch: signing out must work even when scripts are broken, and it navigates anyway. */}
      <form method="post" action="/auth/logout">
        <IconButton type="submit" data-testid="sign-out" variant="sidebar" className="h-8 shrink-0" icon={<SignOutIcon className="size-4" />}>
          Sign out
        </IconButton>
      </form>
    </div>
  );
}
