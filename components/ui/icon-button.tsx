import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

/** The looks the app's icon buttons have, each named with where it is used. */
const variantClasses = {
  /** Filled, the main action: the composer's Send and Stop. */
  primary: "rounded-xl bg-primary text-primary-foreground hover:opacity-90",
  /** Plain on the page: the header's menu button. */
  ghost: "rounded-lg hover:bg-muted",
  /** Muted until hovered: the drawer's Close. */
  muted: "rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground",
  /** A small action under an answer: Regenerate. */
  subtle: "rounded-lg px-2 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground",
  /** On a chat in the sidebar's list, over the item's own colour: Rename, Delete. */
  item: "rounded-md text-muted-foreground hover:bg-background hover:text-foreground",
  /** In the sidebar's footer: Sign out. */
  sidebar: "rounded-lg px-2 text-sm text-muted-foreground hover:bg-sidebar-hover hover:text-foreground",
  /** On the red of an error: Dismiss. */
  alert: "rounded-lg hover:bg-red-100 dark:hover:bg-red-900/60",
  /** Floating over the conversation: Jump to latest. */
  floating: "rounded-full border border-border bg-background px-3.5 py-1.5 text-sm font-medium shadow-md hover:bg-muted",
  /** Outlined on the red of an error: Retry, Try again. */
  alertOutline: "rounded-lg border border-current/40 px-2.5 py-1 font-medium hover:bg-red-100 dark:hover:bg-red-900/60",
} as const;

type IconButtonProps = ComponentProps<"button"> & {
  /** The icon, sized by the caller. */
  icon: ReactNode;
  /** The words after the icon, if any. An icon alone needs an `aria-label` (and a `title` for the tooltip). */
  children?: ReactNode;
  variant: keyof typeof variantClasses;
  /** Where it sits and how big it is (size, margins, shrinking, breakpoints); the look is the variant's. */
  className?: string;
};

/** A button with an icon, alone or before a few words. It is a plain button unless `type` says otherwise. */
export function IconButton({ icon, children, variant, className, type = "button", ...props }: IconButtonProps) {
  return (
    <button
      type={type}
      {...props}
      className={cx(
        "inline-flex items-center",
        children ? "gap-1.5" : "justify-center",
        variantClasses[variant],
        // Only a button that can be disabled (Send) carries the disabled look.
        props.disabled !== undefined && "disabled:cursor-not-allowed disabled:bg-muted disabled:text-muted-foreground",
        className,
      )}
    >
      {icon}
      {children}
    </button>
  );
}
