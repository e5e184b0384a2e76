import { useEffect, useSyncExternalStore } from "react";

// Markdown extras (KaTeX, the highlighter and its grammars) are loaded the first time an answer
// needs them, not with the page. Until then the renderer shows the plain source; components that
// need a module re-render once it has arrived.

export type LazyModule<T> = {
  /** Starts loading, once; a failed load may be tried again by the next component that needs it. */
  load(): void;
  get(): T | undefined;
  subscribe(listener: () => void): () => void;
};

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let value: T | undefined;
  let loading = false;
  const listeners = new Set<() => void>();
  return {
    load() {
      if (value !== undefined || loading) return;
      loading = true;
      importer().then(
        (loaded) => {
          value = loaded;
          for (const listener of listeners) listener();
        },
        () => {
          // Offline or a new deployment: the source stays readable as it is.
          loading = false;
        },
      );
    },
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const notOnTheServer = () => undefined;

/**
 * On what shows plainly until an extra has loaded (a formula's TeX, code not coloured yet): a chat
 * rendered on the server with such a part fetches its code at once (deferred-chat.tsx).
 */
export const AWAITS_EXTRAS_ATTRIBUTE = "data-awaits-extras";

/** The attribute's props for an element that does or does not wait for an extra. */
export const awaitsExtras = (isWaiting: boolean) => (isWaiting ? { [AWAITS_EXTRAS_ATTRIBUTE]: "" } : {});

/**
 * The module once loaded, else undefined (and the load is started). The server and hydration
 * always see undefined, so the first render matches the server's HTML.
 */
export function useLazyModule<T>(module: LazyModule<T> | undefined): T | undefined {
  const value = useSyncExternalStore(module?.subscribe ?? noSubscription, module?.get ?? notOnTheServer, notOnTheServer);
  useEffect(() => module?.load(), [module]);
  return value;
}

const noSubscription = () => () => undefined;
