"use client";

import { useEffect, useId, useSyncExternalStore, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { LaptopIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { applyThemeColor, chooseTheme, readTheme, subscribeToTheme, themes, type Theme } from "./theme-preference";

const options: Record<Theme, { label: string; icon: ReactNode }> = {
  system: { label: "System", icon: <LaptopIcon className="size-4" /> },
  light: { label: "Light", icon: <SunIcon className="size-4" /> },
  dark: { label: "Dark", icon: <MoonIcon className="size-4" /> },
};

/**
 * System, Light or Dark, remembered by this browser. Native radio buttons: one Tab stop, the arrow
 * keys choose, and screen readers announce a group of three. The server cannot know the choice, so
 * it renders "System" checked and the browser's own choice follows on hydration.
 */
export function ThemeSwitch() {
  const labelId = useId();
  const theme = useSyncExternalStore(subscribeToTheme, readTheme, () => "system" as const);
  // The server's page carries the device's colours: the browser's bars take the theme's on load and on each change.
  useEffect(() => applyThemeColor(theme), [theme]);
  return (
    <div className="flex shrink-0 items-center justify-between gap-2 border-t border-border px-4 py-2">
      <span id={labelId} className="text-xs text-muted-foreground">
        Theme
      </span>
      <div role="radiogroup" aria-labelledby={labelId} data-testid="theme-switch" className="flex items-center gap-0.5 rounded-lg bg-muted p-0.5">
        {themes.map((value) => (
          <label
            key={value}
            title={options[value].label}
            data-testid={`theme-${value}`}
            className={cx(
              "flex size-7 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:text-foreground",
              "has-[:checked]:bg-background has-[:checked]:text-foreground has-[:checked]:shadow-sm",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-ring",
            )}
          >
            <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => chooseTheme(value)} className="sr-only" />
            {options[value].icon}
            <span className="sr-only">{options[value].label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
