"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/** Tailwind's `md` breakpoint: from here on the sidebar is a column, not a drawer. */
const WIDE_SCREEN_QUERY = "(min-width: 48rem)";

/**
 * The sidebar as a drawer on narrow screens: open and closed, the focus moved in and back out,
 * closed by Escape or when the screen grows wide.
 */
export function useDrawer() {
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);

  const openDrawer = useCallback(() => setIsDrawerOpen(true), []);
  const closeDrawer = useCallback(() => setIsDrawerOpen(false), []);

  useDrawerFocus(isDrawerOpen, { menuButtonRef, closeButtonRef });
  useCloseOnEscapeOrWideScreen(isDrawerOpen, closeDrawer);

  return { isDrawerOpen, openDrawer, closeDrawer, menuButtonRef, closeButtonRef };
}

type DrawerButtons = {
  /** Opens the drawer: the focus returns here when it closes. */
  menuButtonRef: RefObject<HTMLButtonElement | null>;
  /** Closes the drawer: the focus goes here when it opens. */
  closeButtonRef: RefObject<HTMLButtonElement | null>;
};

/** Focus goes into the drawer when it opens and back to the menu button when it closes. */
function useDrawerFocus(isDrawerOpen: boolean, { menuButtonRef, closeButtonRef }: DrawerButtons) {
  const wasDrawerOpen = useRef(false);
  useEffect(() => {
    if (isDrawerOpen) closeButtonRef.current?.focus();
    else if (wasDrawerOpen.current) menuButtonRef.current?.focus();
    wasDrawerOpen.current = isDrawerOpen;
  }, [isDrawerOpen, menuButtonRef, closeButtonRef]);
}

function useCloseOnEscapeOrWideScreen(isDrawerOpen: boolean, closeDrawer: () => void) {
  useEffect(() => {
    if (!isDrawerOpen) return;
    // On window, so it runs after the page's own handlers: an Escape they used (to cancel a rename,
    // to close a dialog) is marked as handled and leaves the drawer open.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) closeDrawer();
    };
    // Grown past the breakpoint (rotation, resize): there is no drawer to close any more.
    const wide = window.matchMedia(WIDE_SCREEN_QUERY);
    const onWide = () => {
      if (wide.matches) closeDrawer();
    };
    window.addEventListener("keydown", onKeyDown);
    wide.addEventListener("change", onWide);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      wide.removeEventListener("change", onWide);
    };
  }, [isDrawerOpen, closeDrawer]);
}
