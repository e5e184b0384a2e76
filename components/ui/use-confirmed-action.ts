"use client";

import { useState } from "react";
import { errorText } from "./request-error";

/** An action a dialog asks before doing (delete, revoke): under way, or failed with the reason (to try again). */
export function useConfirmedAction(action: () => Promise<void>) {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setIsBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorText(caught));
      setIsBusy(false);
    }
  };

  return { isBusy, error, confirm };
}
