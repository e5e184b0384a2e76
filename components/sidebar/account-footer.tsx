"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Account } from "@/lib/auth/account";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { KeyIcon, LaptopIcon, SignOutIcon } from "@/components/ui/icons";

const API_KEYS_PATH = "/keys";

/**
 * The bottom of the sidebar: the user's API keys, then who is signed in, with Sign out; or, without
 * login, that this is local mode. `onNavigate`: the API keys link was followed (the drawer closes).
 */
export function AccountFooter({ account, onNavigate }: { account: Account; onNavigate: () => void }) {
  return (
    <div className="shrink-0 border-t border-border">
      <ApiKeysLink onNavigate={onNavigate} />
      {account.mode === "local" ? <LocalModeNotice /> : <SignedInAs label={account.email ?? account.name ?? "Signed in"} />}
    </div>
  );
}

function ApiKeysLink({ onNavigate }: { onNavigate: () => void }) {
  const isCurrent = usePathname() === API_KEYS_PATH;
  return (
    <Link
      href={API_KEYS_PATH}
      data-testid="api-keys-link"
      aria-current={isCurrent ? "page" : undefined}
      onClick={onNavigate}
      className={cx(
        "mx-2 mt-2 flex h-8 items-center gap-2 rounded-lg px-2 text-sm hover:bg-sidebar-hover hover:text-foreground",
        isCurrent ? "bg-sidebar-active font-medium text-foreground" : "text-muted-foreground",
      )}
    >
      <KeyIcon className="size-4 shrink-0" />
      API keys
    </Link>
  );
}

function LocalModeNotice() {
  return (
    <p
      data-testid="local-mode-notice"
      title="AUTH_MODE=none: one local user, no sign-in. Set AUTH_MODE=oidc to require sign-in."
      className="flex items-center gap-2 px-4 py-3 text-xs text-muted-foreground"
    >
      <LaptopIcon className="size-4 shrink-0" />
      Local mode · no sign-in
    </p>
  );
}

function SignedInAs({ label }: { label: string }) {
  return (
    <div data-testid="account" className="flex items-center gap-2 px-3 py-2">
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
