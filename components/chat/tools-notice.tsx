"use client";

import { AlertIcon } from "@/components/ui/icons";
import type { UnavailableServer } from "./use-unavailable-tools";

const NOTICE_TONE = "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100";

/** Which MCP servers' tools the model cannot call now, and why: one line each, quiet but visible. */
export function ToolsNotice({ servers }: { servers: UnavailableServer[] }) {
  if (servers.length === 0) return null;
  return (
    <ul data-testid="tools-notice" role="status" className={`mb-2 space-y-0.5 rounded-xl border px-3 py-2 text-sm ${NOTICE_TONE}`}>
      {servers.map((server) => (
        <li key={server.name} data-server={server.name} className="flex items-start gap-2 break-words">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span className="min-w-0">
            <span className="font-semibold">Tools of {server.name} unavailable</span>
            {server.tools.length > 0 && <span> ({server.tools.join(", ")})</span>}: {server.reason ?? "not connected"}.
          </span>
        </li>
      ))}
    </ul>
  );
}
